import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../support/cli.js';
import { emulator } from '../support/emulator.js';
import { startCli } from '../support/spawn.js';

describe('listen and its inspector', () => {
  it('prints Inspector: before Ready:, not at all with --no-inspect; a taken --inspect-port is exit 2', async () => {
    const emu = await emulator();
    const env = {
      SALESLOFT_API_URL: emu.url,
      SALESLOFT_API_KEY: 'ak_test',
      SALESLOFT_HOOKS_STATE_DIR: tempDir('slh-state-'),
    };
    const withPage = startCli(['listen', '--event', 'note_created'], env);
    await withPage.waitFor(/Ready:/);
    expect(withPage.stderr).toMatch(
      /^Inspector: http:\/\/127\.0\.0\.1:\d+\/\?key=[0-9a-f]{32}\n[\s\S]*Ready:/m,
    );
    withPage.child.kill('SIGINT');
    expect(await withPage.exited).toBe(0);

    const without = startCli(['listen', '--event', 'note_created', '--no-inspect'], env);
    await without.waitFor(/Ready:/);
    expect(without.stderr).not.toContain('Inspector:');
    without.child.kill('SIGINT');
    expect(await without.exited).toBe(0);

    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as { port: number }).port;
    const busy = await runCli(['listen', '--event', 'note_created', '--inspect-port', String(port)], { env });
    taken.close();
    expect(busy.code).toBe(2);
    expect(busy.stderr).toContain(`Inspector port ${port} is in use`);
    expect(emu.store.list()).toEqual([]);
  });

  it('a replay to the session’s own receiver shows as a new delivery marked replay of #n', async () => {
    const emu = await emulator();
    const env = {
      SALESLOFT_API_URL: emu.url,
      SALESLOFT_API_KEY: 'ak_test',
      SALESLOFT_HOOKS_STATE_DIR: tempDir('slh-state-'),
    };
    const cli = startCli(['listen', '--event', 'note_created'], env);
    const [, url] = await cli.waitFor(/Inspector: (\S+)\n/);
    await cli.waitFor(/Ready:/);
    emu.fire('note_created');
    await cli.waitFor(/#1 .*verified\n/, 'stdout');
    const { origin } = new URL(url as string);
    const answer = await fetch((url as string).replace('/?key=', '/api/deliveries/1/replay?key='), {
      method: 'POST',
      headers: { origin, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(answer.status).toBe(200);
    await cli.waitFor(/#2 .*verified {2}replay of #1\n/, 'stdout');
    // The live stream carries the same protections as every other answer.
    const events = new AbortController();
    const stream = await fetch((url as string).replace('/?key=', '/api/events?key='), {
      signal: events.signal,
    });
    expect(stream.headers.get('content-type')).toBe('text/event-stream');
    expect(stream.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(stream.headers.get('referrer-policy')).toBe('no-referrer');
    events.abort();
    expect(cli.stdout).not.toContain('retry of');
    cli.child.kill('SIGINT');
    expect(await cli.exited).toBe(0);
  });
});
