import { chmodSync, chownSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../support/cli.js';
import { emulator } from '../support/emulator.js';

const PLANTED = 'tok_known_to_the_attacker';

/** A state directory holding a callback token someone else chose. */
function plantedStateDir(): string {
  const dir = join(tempDir('slh-shared-'), 'state');
  mkdirSync(dir, { mode: 0o700 });
  writeFileSync(join(dir, 'callback-tokens.json'), JSON.stringify({ v: 2, token: PLANTED, legacy: {} }), {
    mode: 0o600,
  });
  return dir;
}

describe('a state directory that another user could have written', () => {
  it('writable by group or others: exit 2 naming the directory and chmod 700, no token printed, nothing subscribed', async () => {
    const emu = await emulator();
    const dir = plantedStateDir();
    chmodSync(dir, 0o777);
    const env = {
      SALESLOFT_HOOKS_STATE_DIR: dir,
      SALESLOFT_API_KEY: 'ak_test',
      SALESLOFT_API_URL: emu.url,
    };
    for (const args of [
      ['listen', '--print-token'],
      ['listen', '--event', 'person_updated', '--no-inspect'],
      ['trigger', 'person_updated', '--to', 'http://127.0.0.1:9/hooks'],
    ]) {
      const run = await runCli(args, { env });
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stdout, args.join(' ')).not.toContain(PLANTED);
      expect(run.stderr, args.join(' ')).not.toContain(PLANTED);
      expect(run.stderr.trim().split('\n'), args.join(' ')).toEqual([
        `Error: The state directory ${dir} is writable by group or others (mode 777): refusing to use it (whoever wrote it could plant a token or key). Make it yours alone (chown "$USER" ${dir} && chmod 700 ${dir}) or set SALESLOFT_HOOKS_STATE_DIR.`,
      ]);
    }
    expect(emu.store.list()).toEqual([]);
    chmodSync(dir, 0o700);
    expect(await runCli(['listen', '--print-token'], { env })).toMatchObject({
      code: 0,
      stdout: `${PLANTED}\n`,
    });
  });

  it.skipIf(process.getuid?.() !== 0)(
    'owned by another user: exit 2 and no token (run as root, given to nobody)',
    async () => {
      const dir = plantedStateDir();
      chownSync(dir, 65534, 65534);
      const run = await runCli(['listen', '--print-token'], { env: { SALESLOFT_HOOKS_STATE_DIR: dir } });
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain(`The state directory ${dir} is owned by another user (uid 65534)`);
    },
  );

  it('a symlink planted as the inspector’s key or the token file: exit 2 before anything is subscribed', async () => {
    const emu = await emulator();
    const dir = join(tempDir('slh-state-'), 'state');
    mkdirSync(dir, { mode: 0o700 });
    const theirs = join(tempDir('slh-attacker-'), 'key');
    writeFileSync(theirs, `${'a'.repeat(32)}\n`);
    symlinkSync(theirs, join(dir, 'inspector-key'));
    const env = { SALESLOFT_HOOKS_STATE_DIR: dir, SALESLOFT_API_KEY: 'ak_test', SALESLOFT_API_URL: emu.url };
    const listen = await runCli(['listen', '--event', 'person_updated', '--token', 't'], { env });
    expect(listen.code).toBe(2);
    expect(listen.stderr).toContain(`The state file ${join(dir, 'inspector-key')} is a symbolic link`);
    expect(listen.stdout).not.toContain('a'.repeat(32));
    expect(emu.store.list()).toEqual([]);

    const tokenLink = join(dir, 'callback-tokens.json');
    const tokens = join(tempDir('slh-attacker-'), 'tokens.json');
    writeFileSync(tokens, JSON.stringify({ v: 2, token: PLANTED, legacy: {} }));
    symlinkSync(tokens, tokenLink);
    const print = await runCli(['listen', '--print-token'], { env });
    expect(print).toMatchObject({ code: 2, stdout: '' });
    expect(print.stderr).toContain(`The state file ${tokenLink} is a symbolic link`);
  });

  it('a path that cannot be a directory (under a file) is the usual state-directory error, and a cache there only costs speed', async () => {
    const file = join(tempDir('slh-file-'), 'plain');
    writeFileSync(file, '');
    const state = await runCli(['listen', '--print-token'], {
      env: { SALESLOFT_HOOKS_STATE_DIR: join(file, 'state') },
    });
    expect(state.code).toBe(2);
    expect(state.stderr).toContain('Cannot use the state directory (ENOTDIR');
    const cache = await runCli(['--help'], { env: { SALESLOFT_HOOKS_CACHE_DIR: join(file, 'cache') } });
    expect(cache).toMatchObject({ code: 0, stderr: '' });
  });
});
