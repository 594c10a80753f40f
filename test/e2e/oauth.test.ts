// OAuth, bring your own application: the authorization-code flow against the emulator (which
// approves at once), access tokens that expire, refresh tokens that rotate.
import { describe, expect, it } from 'vitest';
import { parseJson, runCli, tempDir } from '../support/cli.js';
import { emulator } from '../support/emulator.js';
import { NO_BUS } from '../support/keychain.js';
import { freePort } from '../support/ports.js';
import { startCli } from '../support/spawn.js';

const AUTHORIZE = /^ {2}(http:\/\/127\.0\.0\.1:\d+\/oauth\/authorize\?\S+)$/m;

/** `login --oauth` as a user runs it: the secret piped in, the printed URL opened (here: fetched). */
async function oauthLogin(env: Record<string, string>) {
  const login = startCli(
    ['login', '--oauth', '--client-id', 'cid', '--client-secret-stdin', '--redirect-port', '0', '--json'],
    env,
  );
  login.child.stdin.end('client-secret\n');
  const [, url] = await login.waitFor(AUTHORIZE);
  // The browser: Salesloft shows the consent page, the user approves, it redirects to the CLI.
  const page = await fetch(url as string);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain('Authorized');
  expect(await login.exited).toBe(0);
  return JSON.parse(login.stdout) as { profile: string; team: { name: string } };
}

async function setup(ttlSeconds: number) {
  const emu = await emulator({
    oauthClients: { cid: { secret: 'client-secret', application: { team: { id: 21, name: 'Partner Co' } } } },
    accessTokenTtlSeconds: ttlSeconds,
  });
  const env = {
    SALESLOFT_API_URL: emu.url,
    SALESLOFT_HOOKS_CONFIG_DIR: tempDir('slh-config-'),
    SALESLOFT_HOOKS_STATE_DIR: tempDir('slh-state-'),
    ...NO_BUS,
  };
  return { emu, env };
}

describe('login --oauth', () => {
  it('runs the authorization-code flow with a loopback redirect and stores the tokens under the team’s profile', async () => {
    const { emu, env } = await setup(7_200);
    const login = await oauthLogin(env);
    expect(login).toMatchObject({ profile: 'partner-co', team: { name: 'Partner Co' } });
    // A fresh login needs no refresh.
    expect(emu.oauth.refreshes).toBe(0);
    const whoami = await runCli(['whoami', '--json'], { env });
    expect(parseJson(whoami)).toMatchObject({ team: { id: 21, name: 'Partner Co' }, profile: 'partner-co' });
    // The registered redirect: a fixed port the application knows (8976 unless told).
    const port = await freePort();
    const wrong = startCli(
      ['login', '--oauth', '--client-id', 'cid', '--client-secret-stdin', '--redirect-port', String(port)],
      env,
    );
    wrong.child.stdin.end('not-the-secret\n');
    const [, url] = await wrong.waitFor(AUTHORIZE);
    expect(new URL(url as string).searchParams.get('redirect_uri')).toBe(`http://127.0.0.1:${port}/callback`);
    await fetch(url as string);
    expect(await wrong.exited).toBe(3);
    expect(wrong.stderr).toContain('Salesloft refused the OAuth login (invalid_client)');
  });

  it('a listen that outlives its access token refreshes it and deletes its subscriptions at Ctrl-C', async () => {
    const { emu, env } = await setup(1);
    await oauthLogin(env);
    const listen = startCli(['listen', '--tunnel', 'none', '--event', 'note_created,task_created'], env);
    await listen.waitFor(/Ready: /);
    expect(emu.store.list()).toHaveLength(2);
    // The first access token is dead by now: cleanup must refresh it.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    listen.child.kill('SIGINT');
    expect(await listen.exited).toBe(0);
    expect(listen.stderr).toContain('Deleted 2 subscriptions.');
    expect(emu.store.list()).toEqual([]);
    expect(emu.oauth.refreshes).toBeGreaterThanOrEqual(1);
  });

  it('two processes that find the token expired refresh it once between them (rotation revokes the older refresh token)', async () => {
    const { emu, env } = await setup(1);
    await oauthLogin(env);
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    const before = emu.oauth.refreshes;
    const [a, b] = await Promise.all([
      runCli(['list', '--json'], { env }),
      runCli(['list', '--json'], { env }),
    ]);
    expect([a.code, b.code, a.stderr + b.stderr]).toEqual([0, 0, expect.not.stringContaining('refused')]);
    expect(emu.oauth.refreshes - before).toBe(1);
  });
});
