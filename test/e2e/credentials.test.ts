// Logins kept for real: the OS keychain (GNOME Keyring on a session bus of the test's own), the
// 0600 file where there is no keychain, a locked keychain, and the order in which keys are taken.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Emulator } from '../../packages/webhooks/src/emulator/emulator.js';
import { parseJson, ROOT, runCli, tempDir } from '../support/cli.js';
import { emulator } from '../support/emulator.js';
import { keychain, keychainAvailable, NO_BUS } from '../support/keychain.js';
import { startCli } from '../support/spawn.js';

const KEY_B = 'ak_b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0';
const KEY_C = 'ak_c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1';

async function teams(): Promise<Emulator> {
  const emu = await emulator();
  emu.registerApplication(KEY_B, { team: { id: 11, name: 'Acme US' }, user: { name: 'Bo' } });
  emu.registerApplication(KEY_C, { team: { id: 12, name: 'Acme EU' }, user: { name: 'Cy' } });
  return emu;
}

/** Every file under a folder, as text, to look for a key that must not be there. */
function everything(dir: string): string {
  if (!existsSync(dir)) return '';
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => readFileSync(join(entry.parentPath, entry.name), 'latin1'))
    .join('\n');
}

/** One user's machine: a config folder, the emulator as the API, and `extra` (a keychain or none). */
function setup(emu: Emulator, extra: Record<string, string>) {
  const config = tempDir('slh-config-');
  const env = { SALESLOFT_API_URL: emu.url, SALESLOFT_HOOKS_CONFIG_DIR: config, ...extra };
  const cli = (args: string[], input?: string, more: Record<string, string> = {}) =>
    runCli(args, { env: { ...env, ...more }, ...(input === undefined ? {} : { input }) });
  return { config, cli };
}

describe('login without a keychain (no session bus)', () => {
  it('stores the key in a 0600 file with a one-time notice, under a profile named after its team; whoami names team and store', async () => {
    const emu = await teams();
    const { config, cli } = setup(emu, NO_BUS);
    const login = await cli(['login', '--with-token'], `${KEY_B}\n`);
    expect(login.code).toBe(0);
    expect(login.stdout).toContain('Logged in to team "Acme US" (id 11) as Bo');
    expect(login.stdout).toContain('Profile acme-us (now the default), its key in the credentials file.');
    expect(login.stderr).toMatch(
      /^No OS keychain here \(.+\): the key is kept in .+credentials\.json, readable by you only\.$/m,
    );
    expect(login.stdout + login.stderr).not.toContain(KEY_B);
    for (const file of ['credentials.json', 'profiles.json']) {
      expect(statSync(join(config, file)).mode & 0o777, file).toBe(0o600);
    }
    expect(statSync(config).mode & 0o777).toBe(0o700);
    expect(readFileSync(join(config, 'profiles.json'), 'utf8')).not.toContain(KEY_B);

    const whoami = await cli(['whoami', '--json']);
    expect(whoami.code).toBe(0);
    expect(parseJson(whoami)).toEqual({
      team: { id: 11, name: 'Acme US' },
      user: expect.objectContaining({ name: 'Bo' }),
      api_url: emu.url,
      profile: 'acme-us',
      key_from: 'file',
    });
    expect(whoami.stdout + whoami.stderr).not.toContain(KEY_B);
    // The notice is said at login, not on every use.
    expect(whoami.stderr).not.toContain('No OS keychain');
  });

  it('a refused key stores nothing (exit 3); whoami with a refused key says how to fix it', async () => {
    const emu = await emulator({ apiKey: KEY_C });
    const { config, cli } = setup(emu, NO_BUS);
    const refused = await cli(['login', '--with-token'], KEY_B);
    expect(refused.code).toBe(3);
    expect(existsSync(join(config, 'profiles.json'))).toBe(false);
    const whoami = await cli(['whoami', '--api-key', KEY_B]);
    expect(whoami.code).toBe(3);
    expect(whoami.stderr).toContain(
      'The key from the --api-key flag is refused: check it, or log in (salesloft-hooks login).',
    );
    expect(whoami.stderr).not.toContain(KEY_B);
  });

  it('two teams: --profile and SALESLOFT_PROFILE pick a login, --switch sets the default, a key from the environment comes first', async () => {
    const emu = await teams();
    const { cli } = setup(emu, NO_BUS);
    expect((await cli(['login', '--with-token'], KEY_B)).code).toBe(0);
    expect((await cli(['login', '--with-token', '--profile', 'eu'], KEY_C)).code).toBe(0);
    const list = parseJson<{ default: string; profiles: { name: string; default: boolean }[] }>(
      await cli(['login', '--list', '--json']),
    );
    expect(list.default).toBe('eu');
    expect(list.profiles.map((row) => [row.name, row.default])).toEqual([
      ['acme-us', false],
      ['eu', true],
    ]);
    const whoami = async (args: string[], env: Record<string, string> = {}) =>
      parseJson<{ team: { name: string }; key_from: string; profile: string | null }>(
        await cli(['whoami', '--json', ...args], undefined, env),
      );
    expect((await whoami([])).team.name).toBe('Acme EU');
    expect((await whoami(['--profile', 'acme-us'])).team.name).toBe('Acme US');
    expect((await whoami([], { SALESLOFT_PROFILE: 'acme-us' })).team.name).toBe('Acme US');
    expect((await whoami(['--profile', 'eu'], { SALESLOFT_PROFILE: 'acme-us' })).team.name).toBe('Acme EU');
    // flag > SALESLOFT_API_KEY > .env > --profile > the default: a key given wins, and says so.
    const env = await cli(['whoami', '--json', '--profile', 'eu'], undefined, { SALESLOFT_API_KEY: KEY_B });
    expect(parseJson(env)).toMatchObject({
      team: { name: 'Acme US' },
      key_from: 'environment',
      profile: null,
    });
    expect(env.stderr).toContain('Not using profile "eu": the API key from SALESLOFT_API_KEY comes first.');
    expect((await cli(['login', '--switch', 'acme-us'])).code).toBe(0);
    expect((await whoami([])).profile).toBe('acme-us');
    const unknown = await cli(['whoami', '--profile', 'nope']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(
      'No profile "nope" (there are acme-us, eu; `salesloft-hooks login --list`).',
    );
    // Commands use the login: list names its team.
    expect((await cli(['list'])).stderr).toContain('Team: Acme US (id 11)');
    const out = await cli(['logout', '--profile', 'eu']);
    expect(out.code).toBe(0);
    expect((await cli(['whoami', '--profile', 'eu'])).code).toBe(2);
  });

  it('login never reads a key from a flag, and without a terminal asks for --with-token (exit 2)', async () => {
    const emu = await teams();
    const { cli } = setup(emu, NO_BUS);
    const flagged = await cli(['login', '--api-key', KEY_B]);
    expect(flagged.code).toBe(2);
    expect(flagged.stderr).not.toContain(KEY_B);
    const piped = await cli(['login']);
    expect(piped.code).toBe(2);
    expect(piped.stderr).toContain('Reading the API key needs a terminal to ask; pass --with-token');
  });
});

describe('prune with logins of two teams', () => {
  it('names the profile a dead session belongs to, and prune --profile cleans it up', async () => {
    const emu = await teams();
    const { cli, config } = setup(emu, NO_BUS);
    const state = { SALESLOFT_HOOKS_STATE_DIR: tempDir('slh-state-') };
    expect((await cli(['login', '--with-token'], KEY_B)).code).toBe(0);
    expect((await cli(['login', '--with-token'], KEY_C)).code).toBe(0);
    const listen = startCli(
      ['listen', '--tunnel', 'none', '--event', 'note_created', '--profile', 'acme-us'],
      { SALESLOFT_API_URL: emu.url, SALESLOFT_HOOKS_CONFIG_DIR: config, ...NO_BUS, ...state },
    );
    await listen.waitFor(/Ready: /);
    listen.child.kill('SIGKILL');
    await listen.exited;
    const wrong = await cli(['prune', '--yes'], undefined, state);
    expect(wrong.code).toBe(0);
    expect(wrong.stderr).toMatch(
      /Keeping session [0-9a-f]{12} belongs to team "Acme US" \(profile acme-us\): prune --profile acme-us\./,
    );
    expect(emu.store.list()).toHaveLength(1);
    const right = await cli(['prune', '--yes', '--profile', 'acme-us'], undefined, state);
    expect(right.code).toBe(0);
    expect(emu.store.list()).toEqual([]);
  });
});

describe.skipIf(!keychainAvailable)('login with the OS keychain (GNOME Keyring on a session bus)', () => {
  it('keeps the key in the keychain and in no file; whoami says so; logout takes it out of the keychain', async () => {
    const emu = await teams();
    const bus = keychain();
    const { config, cli } = setup(emu, bus);
    const login = await cli(['login', '--with-token'], KEY_C);
    expect(login.code).toBe(0);
    expect(login.stdout).toContain('Profile acme-eu (now the default), its key in the OS keychain.');
    expect(login.stderr).not.toContain('No OS keychain');
    expect(existsSync(join(config, 'credentials.json'))).toBe(false);
    expect(everything(config)).not.toContain(KEY_C);
    const whoami = await cli(['whoami', '--json']);
    expect(parseJson(whoami)).toMatchObject({
      team: { name: 'Acme EU' },
      profile: 'acme-eu',
      key_from: 'keyring',
    });
    expect(whoami.stdout + whoami.stderr).not.toContain(KEY_C);

    // What the keychain holds, read as another program would.
    const held = () => {
      const script = `import('@napi-rs/keyring').then(async ({ AsyncEntry }) => console.log(JSON.stringify(await new AsyncEntry('salesloft-hooks', 'acme-eu').getPassword())))`;
      return execFileSync(process.execPath, ['-e', script], {
        cwd: ROOT,
        env: { ...process.env, ...bus },
        encoding: 'utf8',
      }).trim();
    };
    expect(held()).toBe(JSON.stringify(KEY_C));
    expect((await cli(['logout'])).code).toBe(0);
    expect(held()).toBe('null');
  });

  it('a locked keychain is an error that says what to do, not a silent fallback to a file (exit 2)', async () => {
    const emu = await teams();
    const { config, cli } = setup(emu, keychain({ locked: true }));
    const login = await cli(['login', '--with-token'], KEY_C);
    expect(login.code).toBe(2);
    expect(login.stderr).toMatch(
      /The OS keychain is locked or waiting for a password \(.+\): unlock it and try again, or set SALESLOFT_HOOKS_CREDENTIAL_STORE=file\./,
    );
    expect(existsSync(join(config, 'credentials.json'))).toBe(false);
    expect(existsSync(join(config, 'profiles.json'))).toBe(false);
    const file = await cli(['login', '--with-token'], KEY_C, { SALESLOFT_HOOKS_CREDENTIAL_STORE: 'file' });
    expect(file.code).toBe(0);
    expect(file.stdout).toContain('its key in the credentials file');
  });
});
