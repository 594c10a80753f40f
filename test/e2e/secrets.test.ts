import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mapBounded } from '../../src/subscriptions/batch.js';
import { type CliResult, runCli, tempDir } from '../support/cli.js';
import { emulator } from '../support/emulator.js';
import { hmacHex } from '../support/hmac.js';
import { recordingServer } from '../support/receiver.js';
import { startCli } from '../support/spawn.js';

const KEY = 'ak_0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0';
const TOKEN = 'cbtok_5e3a1d0b9c8f7e6d5c4b3a291807f6e5d4c3b2a1';
// Node's own debug output too: node:http printed the options of each connection, headers included.
const DEBUG_ENV = { DEBUG: '*', SALESLOFT_HOOKS_DEBUG: '1', NODE_DEBUG: 'http,https,net,tls,undici' };

function expectNoSecret(result: CliResult, label: string, secrets = [KEY]): void {
  for (const secret of secrets) {
    expect(result.stdout.includes(secret), `${label}: stdout holds a secret`).toBe(false);
    expect(result.stderr.includes(secret), `${label}: stderr holds a secret`).toBe(false);
  }
}

describe('secrets stay secret', () => {
  it('no command prints the API key, in human or --json mode, on success or error, with debugging on', async () => {
    const emu = await emulator({ apiKey: KEY });
    const target = await recordingServer();
    const dir = tempDir();
    const syncFile = join(dir, 'hooks.yaml');
    writeFileSync(
      syncFile,
      `subscriptions:\n  - url: https://sync.example.com\n    token: ${TOKEN}\n    events: [note_created]\n`,
    );
    const stateDir = tempDir('slh-state-');
    const viaFlag = ['--api-key', KEY, '--api-url', emu.url];
    const env = { SALESLOFT_HOOKS_STATE_DIR: stateDir, ...DEBUG_ENV };

    const sub = emu.store.create({
      callback_url: 'https://keep.example.com',
      callback_token: TOKEN,
      event_type: 'person_updated',
    });
    const commands: string[][] = [
      ['events'],
      ['list', ...viaFlag],
      ['list', ...viaFlag, '--show-tokens'],
      ['subscribe', '--url', 'https://new.example.com', '--event', 'person_*', '--token', TOKEN, ...viaFlag],
      ['disable', String(sub.id), ...viaFlag],
      ['enable', String(sub.id), ...viaFlag],
      ['unsubscribe', '--url', 'new.example.com', '--yes', ...viaFlag],
      ['sync', '--file', syncFile, '--yes', ...viaFlag],
      ['sync', '--file', syncFile, '--check', ...viaFlag],
      ['prune', '--yes', ...viaFlag],
      ['trigger', 'person_updated', '--to', target.url, '--token', TOKEN],
      ['verify', '--token', TOKEN, '--signature', '0'.repeat(40)],
      // Errors: a refused key, an unreachable API, a usage error next to the key.
      ['list', '--api-key', `${KEY}x`, '--api-url', emu.url],
      ['list', '--api-key', KEY, '--api-url', 'http://127.0.0.1:9'],
      ['subscribe', '--url', 'not-a-url', '--event', 'all', ...viaFlag],
      ['list', `--api-key=${KEY}`, '--api-url', emu.url, '--bogus'],
    ];
    // Only what is printed matters here, not the order: four at a time.
    const runs = commands.flatMap((args) => [args, [...args, '--json']]);
    const results = await mapBounded(runs, (full) => runCli(full, { env, input: '{}' }), 4);
    results.forEach((result, index) => {
      const label = runs[index]?.join(' ') ?? '';
      if (!result.ok) throw new Error(`${label}: ${String(result.error)}`);
      expectNoSecret(result.value, label);
    });
    // The key from the environment is no more visible than from a flag.
    const fromEnv = await runCli(['list', '--api-url', 'http://127.0.0.1:9'], {
      env: { ...env, SALESLOFT_API_KEY: KEY },
    });
    expect(fromEnv.code).toBe(4);
    expectNoSecret(fromEnv, 'env');
  }, 120_000);

  it('a --token value stays out of DEBUG=* output, and still signs', async () => {
    const target = await recordingServer();
    const stateDir = tempDir('slh-state-');
    for (const args of [
      ['trigger', 'person_updated', '--to', target.url, '--token', TOKEN],
      ['trigger', 'person_updated', '--to', target.url, `--token=${TOKEN}`],
      ['verify', '--token', 'other', '--token', TOKEN, '--signature', '0'.repeat(40)],
    ]) {
      const result = await runCli(args, {
        env: { ...DEBUG_ENV, SALESLOFT_HOOKS_STATE_DIR: stateDir },
        input: '{}',
      });
      expect(result.stderr, args.join(' ')).toContain('salesloft-hooks');
      expectNoSecret(result, args.join(' '), [TOKEN]);
    }
    expect(target.received).toHaveLength(2);
    for (const delivery of target.received) {
      expect(delivery.headers['x-salesloft-signature']).toBe(hmacHex(delivery.body, TOKEN));
    }
  });

  it('--token-file keeps the token out of the command line: trigger signs and verify checks with its first line', async () => {
    const target = await recordingServer();
    const file = join(tempDir(), 'token');
    writeFileSync(file, `${TOKEN}\n`);
    const sent = await runCli(['trigger', 'note_created', '--to', target.url, '--token-file', file]);
    expect(sent.code).toBe(0);
    const delivery = target.received[0];
    expect(delivery?.headers['x-salesloft-signature']).toBe(hmacHex(delivery?.body ?? '', TOKEN));
    const signature = String(delivery?.headers['x-salesloft-signature']);
    const checked = await runCli(['verify', '--token-file', file, '--signature', signature], {
      input: delivery?.body ?? '',
    });
    expect(checked.code).toBe(0);
    const both = await runCli(['verify', '--token-file', file, '--token', 'x', '--signature', signature]);
    expect(both.code).toBe(2);
  });

  it('callback tokens are masked unless --show-tokens; listen and the emulator never print the key', async () => {
    const emu = await emulator({ apiKey: KEY });
    emu.store.create({
      callback_url: 'https://keep.example.com',
      callback_token: TOKEN,
      event_type: 'person_updated',
    });
    const masked = await runCli(['list'], { env: { SALESLOFT_API_KEY: KEY, SALESLOFT_API_URL: emu.url } });
    expect(masked.stdout).toContain('cbto…b2a1');
    expectNoSecret(masked, 'list', [KEY, TOKEN]);
    const maskedJson = await runCli(['list', '--json'], {
      env: { SALESLOFT_API_KEY: KEY, SALESLOFT_API_URL: emu.url },
    });
    expectNoSecret(maskedJson, 'list --json', [KEY, TOKEN]);

    const cli = startCli(
      ['listen', '--tunnel', 'none', '--event', 'note_created', '--max-deliveries', '1', '--api-key', KEY],
      {
        SALESLOFT_API_URL: emu.url,
        ...DEBUG_ENV,
      },
    );
    await cli.waitFor(/Ready:/);
    emu.fire('note_created');
    expect(await cli.exited).toBe(0);
    expect(cli.stdout + cli.stderr).not.toContain(KEY);

    const server = startCli(['emulator', '--port', '0', '--api-key', KEY], DEBUG_ENV);
    await server.waitFor(/Emulator listening/);
    server.child.kill('SIGINT');
    await server.exited;
    expect(server.stdout + server.stderr).not.toContain(KEY);
  }, 60_000);

  it('state and record files are readable by their owner only', async () => {
    const emu = await emulator();
    const stateDir = tempDir('slh-state-');
    const record = join(tempDir(), 'rec.jsonl');
    const cli = startCli(['listen', '--tunnel', 'none', '--event', 'note_created', '--record', record], {
      SALESLOFT_API_URL: emu.url,
      SALESLOFT_API_KEY: 'k',
      SALESLOFT_HOOKS_STATE_DIR: stateDir,
    });
    await cli.waitFor(/Ready:/);
    const sessions = join(stateDir, 'sessions');
    expect(statSync(sessions).mode & 0o777).toBe(0o700);
    for (const name of readdirSync(sessions)) expect(statSync(join(sessions, name)).mode & 0o777).toBe(0o600);
    expect(statSync(record).mode & 0o777).toBe(0o600);
    cli.child.kill('SIGINT');
    expect(await cli.exited).toBe(0);
  });
});
