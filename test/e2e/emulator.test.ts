import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { recordingServer } from '../support/receiver.js';
import { startCli } from '../support/spawn.js';

describe('salesloft-hooks emulator', () => {
  it('serves the resource, delivers fired events, logs to stderr and stops on SIGINT', async () => {
    const cli = startCli(['emulator', '--port', '0', '--retry-interval', '0']);
    const [, url] = await cli.waitFor(/Emulator listening on (http:\/\/127\.0\.0\.1:\d+)/);
    const list = await fetch(`${url}/v2/webhook_subscriptions`, { headers: { authorization: 'Bearer x' } });
    expect(await list.text()).toBe('{"data":[]}');

    const target = await recordingServer();
    await fetch(`${url}/v2/webhook_subscriptions`, {
      method: 'POST',
      headers: { authorization: 'Bearer x', 'content-type': 'application/json' },
      body: JSON.stringify({
        callback_url: `${target.url}/in`,
        callback_token: 'k',
        event_type: 'person_updated',
      }),
    });
    await fetch(`${url}/__emulator/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"event_type":"person_updated"}',
    });
    await cli.waitFor(/delivery #1 person_updated -> http:\/\/127\.0\.0\.1:\d+\/in 200/);
    expect(target.received).toHaveLength(1);
    expect(cli.stderr).toMatch(/GET \/v2\/webhook_subscriptions 200/);
    expect(cli.stdout).toBe('');

    cli.child.kill('SIGINT');
    expect(await cli.exited).toBe(0);
  });

  it('--json prints one JSON document with the URL; --api-key locks the door', async () => {
    const cli = startCli(['emulator', '--port', '0', '--api-key', 'ak_local', '--json']);
    const [, url] = await cli.waitFor(/"url":\s*"(http:\/\/[^"]+)"/, 'stdout');
    expect(
      (await fetch(`${url}/v2/webhook_subscriptions`, { headers: { authorization: 'Bearer nope' } })).status,
    ).toBe(401);
    expect(
      (await fetch(`${url}/v2/webhook_subscriptions`, { headers: { authorization: 'Bearer ak_local' } }))
        .status,
    ).toBe(200);
    cli.child.kill('SIGTERM');
    expect(await cli.exited).toBe(0);
    expect(JSON.parse(cli.stdout)).toEqual({ url });
  });

  it('on every interface it needs --api-key (exit 2 without), and prints a URL that reaches it, never 0.0.0.0', async () => {
    const open = await runCli(['emulator', '--port', '0', '--host', '0.0.0.0']);
    expect(open).toMatchObject({
      code: 2,
      stderr:
        'Error: --host 0.0.0.0 lets other machines reach the emulator, which would take any token from them: pass --api-key too.\n',
    });
    const cli = startCli(['emulator', '--port', '0', '--host', '0.0.0.0', '--api-key', 'ak_shared']);
    const [, url] = await cli.waitFor(/Emulator listening on (http:\/\/127\.0\.0\.1:\d+)/);
    await cli.waitFor(/export SALESLOFT_API_URL=http:\/\/127\.0\.0\.1:\d+/);
    expect(cli.stderr).not.toContain('0.0.0.0');
    expect(
      (await fetch(`${url}/v2/webhook_subscriptions`, { headers: { authorization: 'Bearer other' } })).status,
    ).toBe(401);
    cli.child.kill('SIGTERM');
    expect(await cli.exited).toBe(0);
  });

  it('a port in use is a usage error', async () => {
    const first = startCli(['emulator', '--port', '0']);
    const [, port] = await first.waitFor(/listening on http:\/\/127\.0\.0\.1:(\d+)/);
    const second = startCli(['emulator', '--port', String(port)]);
    expect(await second.exited).toBe(2);
    expect(second.stderr).toMatch(/Port \d+ on 127\.0\.0\.1 is in use/);
    first.child.kill('SIGINT');
    await first.exited;
  });
});
