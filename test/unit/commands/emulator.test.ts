import { describe, expect, it } from 'vitest';
import EmulatorCommand from '../../../src/commands/emulator.js';
import { startCommand } from '../../support/command.js';
import { untilOutput } from '../../support/in-process.js';

describe('emulator (in process)', () => {
  it('serves the REST API with the key it was given, until the first stop signal, then closes', async () => {
    const running = await startCommand(EmulatorCommand, ['--port', '0', '--api-key', 'ak_only']);
    const [, url] = await untilOutput(running.stderr, /Emulator listening on (http:\/\/127\.0\.0\.1:\d+)/);
    const ok = await fetch(`${url}/v2/webhook_subscriptions`, {
      headers: { authorization: 'Bearer ak_only' },
    });
    expect([ok.status, await ok.json()]).toEqual([200, { data: [] }]);
    const refused = await fetch(`${url}/v2/webhook_subscriptions`, {
      headers: { authorization: 'Bearer other' },
    });
    expect(refused.status).toBe(401);
    expect(running.stderr()).not.toContain('ak_only');
    process.emit('SIGINT', 'SIGINT');
    const { exitCode, stderr } = await running.done;
    expect(exitCode).toBe(0);
    expect(stderr).toContain('SIGINT: stopping the emulator.');
    await expect(fetch(`${url}/v2/webhook_subscriptions`)).rejects.toThrow();
  });
});
