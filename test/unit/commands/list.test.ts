import { describe, expect, it } from 'vitest';
import List from '../../../src/commands/list.js';
import { runCommand } from '../../support/command.js';
import { emulator } from '../../support/emulator.js';
import { apiEnv } from '../../support/in-process.js';

describe('list (in process)', () => {
  it('returns the team’s subscriptions without their tokens, filtered by event, and with them on --show-tokens', async () => {
    const emu = await emulator();
    emu.store.create({
      callback_url: 'https://hooks.example.com/a',
      callback_token: 'secret-token-1',
      event_type: 'person_updated',
    });
    emu.store.create({
      callback_url: 'https://hooks.example.com/b',
      callback_token: 'secret-token-2',
      event_type: 'task_created',
    });
    const all = await runCommand(List, ['--json'], apiEnv(emu));
    expect(all.exitCode).toBe(0);
    expect(all.result?.map((sub) => sub.event_type)).toEqual(['person_updated', 'task_created']);
    expect(all.result?.every((sub) => sub.callback_token === undefined)).toBe(true);
    const filtered = await runCommand(List, ['--event', 'task_*', '--show-tokens', '--json'], apiEnv(emu));
    expect(filtered.result).toEqual([
      expect.objectContaining({ event_type: 'task_created', callback_token: 'secret-token-2' }),
    ]);
  });

  it('without an API key is exit 2, naming how to get one or work offline', async () => {
    const run = await runCommand(List, []);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('No Salesloft API key');
  });
});
