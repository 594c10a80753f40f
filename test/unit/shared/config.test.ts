import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { maskToken } from '../../../packages/webhooks/src/shared/text.js';
import { colorEnabled } from '../../../src/cli/terminal.js';
import { DEFAULT_API_URL, resolveConfig } from '../../../src/shared/config.js';
import { tempDir } from '../../support/cli.js';

function dirWithDotEnv(text: string): string {
  const dir = tempDir();
  writeFileSync(join(dir, '.env'), text);
  return dir;
}

describe('configuration resolution', () => {
  const dotEnv =
    'SALESLOFT_API_KEY=from-dotenv\nSALESLOFT_API_URL=http://dotenv.test\nNGROK_AUTHTOKEN=ngrok-dotenv\n';

  it('a flag beats the environment, which beats .env', () => {
    const cwd = dirWithDotEnv(dotEnv);
    const env = { SALESLOFT_API_KEY: 'from-env', SALESLOFT_API_URL: 'http://env.test' };
    expect(
      resolveConfig({ flags: { apiKey: 'from-flag', apiUrl: 'http://flag.test/' }, env, cwd }),
    ).toMatchObject({
      apiKey: 'from-flag',
      apiUrl: 'http://flag.test',
    });
    expect(resolveConfig({ flags: {}, env, cwd })).toMatchObject({
      apiKey: 'from-env',
      apiUrl: 'http://env.test',
    });
    expect(resolveConfig({ flags: {}, env: {}, cwd })).toMatchObject({
      apiKey: 'from-dotenv',
      apiUrl: 'http://dotenv.test',
      ngrokAuthtoken: 'ngrok-dotenv',
    });
  });

  it('falls back to the defaults', () => {
    const cwd = tempDir();
    const resolved = resolveConfig({ flags: {}, env: { HOME: '/home/ada' }, cwd });
    expect(resolved).toEqual({
      apiKey: undefined,
      apiUrl: DEFAULT_API_URL,
      ngrokAuthtoken: undefined,
      ngrokServerAddr: undefined,
      callbackToken: undefined,
      stateDir: '/home/ada/.local/state/salesloft-hooks',
      sources: { apiKey: 'default', apiUrl: 'default', callbackToken: 'default' },
      dotEnvFile: join(cwd, '.env'),
      ignoredFromDotEnv: [],
    });
    expect(resolveConfig({ flags: {}, env: { XDG_STATE_HOME: '/xdg' }, cwd: tempDir() }).stateDir).toBe(
      '/xdg/salesloft-hooks',
    );
    expect(
      resolveConfig({ flags: {}, env: { SALESLOFT_HOOKS_STATE_DIR: '/state' }, cwd: tempDir() }).stateDir,
    ).toBe('/state');
  });

  it('a .env sets the state directory, callback token and ngrok settings only beside its own API key', () => {
    const planted =
      'SALESLOFT_HOOKS_STATE_DIR=/tmp/planted\nSALESLOFT_CALLBACK_TOKEN=attacker\nNGROK_AUTHTOKEN=theirs\nNGROK_SERVER_ADDR=evil.test:443\n';
    const cwd = dirWithDotEnv(planted);
    const env = { SALESLOFT_API_KEY: 'mine', HOME: '/home/ada' };
    expect(resolveConfig({ flags: {}, env, cwd })).toMatchObject({
      stateDir: '/home/ada/.local/state/salesloft-hooks',
      callbackToken: undefined,
      ngrokAuthtoken: undefined,
      ngrokServerAddr: undefined,
      ignoredFromDotEnv: [
        'SALESLOFT_HOOKS_STATE_DIR',
        'SALESLOFT_CALLBACK_TOKEN',
        'NGROK_AUTHTOKEN',
        'NGROK_SERVER_ADDR',
      ],
    });
    // The same file with its own key is the user's own configuration.
    const own = dirWithDotEnv(`SALESLOFT_API_KEY=theirs-too\n${planted}`);
    expect(resolveConfig({ flags: {}, env: {}, cwd: own })).toMatchObject({
      stateDir: '/tmp/planted',
      callbackToken: 'attacker',
      ngrokAuthtoken: 'theirs',
      ignoredFromDotEnv: [],
    });
    // An exported variable is the user's choice, whatever the .env says.
    expect(
      resolveConfig({ flags: {}, env: { ...env, SALESLOFT_HOOKS_STATE_DIR: '/state' }, cwd }).stateDir,
    ).toBe('/state');
  });

  it('an empty value counts as unset', () => {
    const cwd = dirWithDotEnv(dotEnv);
    expect(resolveConfig({ flags: { apiKey: '' }, env: { SALESLOFT_API_KEY: '' }, cwd }).apiKey).toBe(
      'from-dotenv',
    );
  });
});

describe('colour', () => {
  it('is on only for a TTY without NO_COLOR or FORCE_COLOR=0', () => {
    expect(colorEnabled({}, true)).toBe(true);
    expect(colorEnabled({}, false)).toBe(false);
    expect(colorEnabled({ NO_COLOR: '1' }, true)).toBe(false);
    expect(colorEnabled({ NO_COLOR: '' }, true)).toBe(false);
    expect(colorEnabled({ FORCE_COLOR: '0' }, true)).toBe(false);
  });
});

describe('token masking', () => {
  it('keeps four characters at each end', () => {
    expect(maskToken('abcdef0123456789wxyz')).toBe('abcd…wxyz');
    expect(maskToken('short')).toBe('…');
  });
});
