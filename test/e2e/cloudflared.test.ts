import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sign } from '../../packages/webhooks/src/catalog/signature.js';
import { runCli, tempDir } from '../support/cli.js';
import { fakeCloudflaredDir } from '../support/cloudflared.js';
import { emulator } from '../support/emulator.js';
import { startCli } from '../support/spawn.js';

const TUNNEL_URL = 'https://ample-otter-delta-river.trycloudflare.com';

async function session(extraEnv: Record<string, string> = {}, args: string[] = []) {
  const emu = await emulator();
  const stateDir = tempDir('slh-state-');
  const portFile = join(tempDir('slh-port-'), 'port');
  const env = {
    SALESLOFT_API_URL: emu.url,
    SALESLOFT_API_KEY: 'ak_test',
    SALESLOFT_HOOKS_STATE_DIR: stateDir,
    PATH: `${fakeCloudflaredDir()}:${process.env.PATH}`,
    FAKE_CLOUDFLARED_PORT_FILE: portFile,
    ...extraEnv,
  };
  const cli = startCli(
    ['listen', '--tunnel', 'cloudflared', '--event', 'person_updated', '--no-inspect', ...args],
    env,
  );
  return { emu, cli, env, stateDir, portFile };
}

/** Running (a zombie nobody reaped, as an orphan can be in a container, has ended). */
const alive = (pid: number) => {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
};

describe('listen --tunnel cloudflared (a stand-in cloudflared on PATH)', () => {
  it('subscribes the quick tunnel’s URL, gets deliveries through it, and at Ctrl-C deletes the subscriptions and stops cloudflared', async () => {
    const { emu, cli, portFile, stateDir } = await session();
    const [, callbackUrl] = await cli.waitFor(/Ready: (\S+) /);
    expect(callbackUrl).toMatch(new RegExp(`^${TUNNEL_URL}/salesloft-hooks/[0-9a-f]{12}$`));
    expect(emu.store.list().map((sub) => sub.callback_url)).toEqual([callbackUrl]);
    const [journal] = readdirSync(join(stateDir, 'sessions'));
    const { tunnel_pid: pid } = JSON.parse(
      readFileSync(join(stateDir, 'sessions', journal as string), 'utf8'),
    );
    expect(alive(pid)).toBe(true);
    // Salesloft's side, through the tunnel: the stand-in forwards to the receiver.
    const [, token] = await cli.waitFor(/Callback token: (\S+)/);
    const body = '{"id":7,"first_name":"Ada"}';
    const path = new URL(callbackUrl as string).pathname;
    const answer = await fetch(`http://127.0.0.1:${readFileSync(portFile, 'utf8')}${path}`, {
      method: 'POST',
      headers: {
        'x-salesloft-event': 'person_updated',
        'x-salesloft-signature': sign(body, token as string),
      },
      body,
    });
    expect(answer.status).toBe(200);
    await cli.waitFor(/#1 {2}person_updated {2}7 .*verified/, 'stdout');
    cli.child.kill('SIGINT');
    expect(await cli.exited).toBe(0);
    expect(emu.store.list()).toEqual([]);
    expect(alive(pid)).toBe(false);
  });

  it('without cloudflared: exit 4 with one line saying how to install it and what else works', async () => {
    const emu = await emulator();
    const result = await runCli(['listen', '--tunnel', 'cloudflared', '--event', 'person_updated'], {
      env: {
        SALESLOFT_API_URL: emu.url,
        SALESLOFT_API_KEY: 'ak_test',
        SALESLOFT_HOOKS_STATE_DIR: tempDir('slh-state-'),
        PATH: tempDir('slh-empty-path-'),
      },
    });
    expect(result.code).toBe(4);
    const lines = result.stderr.trim().split('\n');
    expect(lines.at(-1)).toMatch(
      /^Error: The cloudflared tunnel needs cloudflared, which is not on PATH: install cloudflared \(brew install cloudflared.*pass --cloudflared-path, or use --tunnel ngrok or --public-url URL\.$/,
    );
    expect(emu.store.list()).toEqual([]);
  });

  it('a tunnel that drops and comes back is said, with the URL unchanged; one whose cloudflared exits is lost for good', async () => {
    const dropping = await session({ FAKE_CLOUDFLARED_DROP_AFTER_MS: '300' });
    await dropping.cli.waitFor(
      /Tunnel lost at \d\d:\d\d:\d\d \(cloudflared lost its connections to Cloudflare\): Salesloft's deliveries fail and are retried 3 times, 15 s apart\.\n/,
    );
    await dropping.cli.waitFor(/Tunnel back after \d+ s, at the same URL\.\n/);
    dropping.cli.child.kill('SIGINT');
    expect(await dropping.cli.exited).toBe(0);

    const exiting = await session({ FAKE_CLOUDFLARED_EXIT_AFTER_MS: '500' });
    await exiting.cli.waitFor(/Ready:/);
    await exiting.cli.waitFor(
      /Tunnel lost at \d\d:\d\d:\d\d \(cloudflared exited \(code 1\)\): Salesloft's deliveries fail and are retried 3 times, 15 s apart\. It cannot come back: stop listen \(Ctrl-C\) and start it again for a new tunnel\.\n/,
    );
    exiting.cli.child.kill('SIGINT');
    expect(await exiting.cli.exited).toBe(0);
    expect(exiting.emu.store.list()).toEqual([]);
  });

  it('a cloudflared that prints no URL in time fails the session with its last line (exit 4), leaving nothing', async () => {
    const { emu, cli } = await session({ FAKE_CLOUDFLARED_SILENT: '1' }, ['--tunnel-timeout', '1']);
    expect(await cli.exited).toBe(4);
    expect(cli.stderr).toContain('cloudflared printed no tunnel URL within 1 s (its last line: ');
    expect(emu.store.list()).toEqual([]);
  });

  it('after a kill -9 of listen, prune deletes its subscriptions and stops the cloudflared it left', async () => {
    const { emu, cli, env, stateDir } = await session();
    await cli.waitFor(/Ready:/);
    const [journal] = readdirSync(join(stateDir, 'sessions'));
    const { tunnel_pid: pid } = JSON.parse(
      readFileSync(join(stateDir, 'sessions', journal as string), 'utf8'),
    );
    cli.child.kill('SIGKILL');
    await cli.exited;
    expect(alive(pid)).toBe(true);
    const prune = await runCli(['prune', '--yes'], { env });
    expect(prune.code).toBe(0);
    expect(prune.stderr).toContain(`Stopped cloudflared (pid ${pid}), left running by a dead session.`);
    await expect.poll(() => alive(pid)).toBe(false);
    expect(emu.store.list()).toEqual([]);
    expect(existsSync(join(stateDir, 'sessions', journal as string))).toBe(false);
  });
});
