import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Emulator } from '../../packages/webhooks/src/emulator/emulator.js';
import { parseJson, ROOT, runCli, tempDir } from '../support/cli.js';
import { emulator } from '../support/emulator.js';
import { hmacHex } from '../support/hmac.js';
import { verifyingHandler } from '../support/receiver.js';
import { startCli } from '../support/spawn.js';

const READY = /Ready: (http:\/\/127\.0\.0\.1:\d+\/salesloft-hooks\/[0-9a-f]+) \((\d+) subscriptions?\)/;

function env(emu: Emulator, stateDir = tempDir('slh-state-')) {
  return { SALESLOFT_API_URL: emu.url, SALESLOFT_API_KEY: 'ak_test', SALESLOFT_HOOKS_STATE_DIR: stateDir };
}

describe('the callback token, from listen to trigger and replay', () => {
  it('one token from --print-token works for a verifying handler with listen, trigger and replay', async () => {
    const emu = await emulator();
    const stateDir = tempDir('slh-state-');
    const printed = await runCli(['listen', '--print-token'], {
      env: { SALESLOFT_API_URL: emu.url, SALESLOFT_HOOKS_STATE_DIR: stateDir },
    });
    expect(printed.code).toBe(0);
    expect(printed.stdout).toMatch(/^[0-9a-f]{64}\n$/);
    expect(printed.stderr).toBe('');
    const token = printed.stdout.trim();
    expect(statSync(join(stateDir, 'callback-tokens.json')).mode & 0o777).toBe(0o600);
    expect(emu.requests).toEqual([]);
    const asJson = await runCli(['listen', '--print-token', '--json'], {
      env: { SALESLOFT_API_URL: emu.url, SALESLOFT_HOOKS_STATE_DIR: stateDir },
    });
    expect(parseJson(asJson)).toEqual({ token });

    const app = await verifyingHandler(token);
    const record = join(tempDir(), 'deliveries.jsonl');
    const cli = startCli(
      ['listen', '--event', 'person_updated', '--forward-to', `:${app.port}/hooks`, '--record', record],
      env(emu, stateDir),
    );
    await cli.waitFor(READY);
    expect(cli.stderr).toMatch(/^Receiver: http:\/\/127\.0\.0\.1:\d+\nSubscribing /m);
    // Printed in its own write after Ready:, which the read above may have come before.
    await cli.waitFor(/Callback token: \S+\n/);
    expect(cli.stderr).toContain(`Callback token: ${token}\n`);
    emu.fire('person_updated');
    await cli.waitFor(/#1 {2}<-- 200 \d+ ms/, 'stdout');
    expect(cli.stdout).toMatch(/#1 {2}person_updated .* verified\n/);

    const triggered = await runCli(['trigger', 'person_updated', '--to', `localhost:${app.port}/hooks`], {
      env: env(emu, stateDir),
    });
    expect(triggered.code).toBe(0);
    expect(triggered.stderr).toContain("Signing with the state directory's callback token");
    expect(triggered.stderr).not.toContain(token);

    cli.child.kill('SIGINT');
    expect(await cli.exited).toBe(0);
    expect(cli.stderr).toContain('Summary: 1 delivery: 1 verified, 0 invalid; forwarded: 1 2xx.\n');

    const replayed = await runCli(
      ['replay', '1', '--from', record, '--to', `http://127.0.0.1:${app.port}/hooks`],
      {
        env: env(emu, stateDir),
      },
    );
    expect(replayed.code).toBe(0);
    expect(app.handled.map((delivery) => [delivery.path, delivery.status])).toEqual([
      ['/hooks', 200],
      ['/hooks', 200],
      ['/hooks', 200],
    ]);
  });

  it('--token and SALESLOFT_CALLBACK_TOKEN override for one session; --new-token replaces the stored one', async () => {
    const emu = await emulator();
    const stateDir = tempDir('slh-state-');
    const print = (args: string[] = [], extra: Record<string, string> = {}) =>
      runCli(['listen', '--print-token', ...args], { env: { ...env(emu, stateDir), ...extra } });
    const stored = (await print()).stdout.trim();
    expect((await print(['--token', 'mine'])).stdout).toBe('mine\n');
    expect((await print([], { SALESLOFT_CALLBACK_TOKEN: 'from-env' })).stdout).toBe('from-env\n');
    expect((await print()).stdout.trim()).toBe(stored);

    const cli = startCli(
      ['listen', '--event', 'note_created', '--token', 'session-only'],
      env(emu, stateDir),
    );
    await cli.waitFor(/Callback token: \S+\n/);
    expect(cli.stderr).toContain('Callback token: session-only\n');
    expect(emu.store.list()[0]?.callback_token).toBe('session-only');
    cli.child.kill('SIGINT');
    expect(await cli.exited).toBe(0);

    const renewed = (await print(['--new-token'])).stdout.trim();
    expect(renewed).toMatch(/^[0-9a-f]{64}$/);
    expect(renewed).not.toBe(stored);
    expect((await print()).stdout.trim()).toBe(renewed);
  });

  it('a handler that refuses a valid delivery gets one hint naming the token, however many it refuses', async () => {
    const emu = await emulator({ retries: 0 });
    const app = await verifyingHandler('the-wrong-token');
    const cli = startCli(['listen', '--event', 'task_created', '--forward-to', `:${app.port}`], env(emu));
    await cli.waitFor(READY);
    emu.fire('task_created');
    emu.fire('task_created');
    await cli.waitFor(/#2 {2}<-- 401/, 'stdout');
    const hints = cli.stderr.match(/Hint: your handler answered 401 to a delivery whose signature is valid/g);
    expect(hints).toHaveLength(1);
    const [, token] = /Callback token: (\S+)/.exec(cli.stderr) ?? [];
    expect(cli.stderr).toContain(
      `This session signs with ${token?.slice(0, 4)}…${token?.slice(-4)}, from the state directory (created now; \`salesloft-hooks listen --print-token\` prints it)`,
    );
    cli.child.kill('SIGINT');
    expect(await cli.exited).toBe(0);
    expect(cli.stderr).toContain('Summary: 2 deliveries: 2 verified, 0 invalid; forwarded: 2 4xx.');
  });

  it('one token per state directory: listen on two API URLs, subscribe and verify all use it, or SALESLOFT_CALLBACK_TOKEN', async () => {
    const emu = await emulator();
    const stateDir = tempDir('slh-state-');
    const state = { SALESLOFT_HOOKS_STATE_DIR: stateDir };
    const viaIp = await runCli(['listen', '--print-token'], {
      env: { ...state, SALESLOFT_API_URL: emu.url },
    });
    const viaName = await runCli(['listen', '--print-token'], {
      env: { ...state, SALESLOFT_API_URL: emu.url.replace('127.0.0.1', 'localhost') },
    });
    const viaDefault = await runCli(['listen', '--print-token'], { env: state });
    const token = viaIp.stdout.trim();
    expect([viaName.stdout.trim(), viaDefault.stdout.trim()]).toEqual([token, token]);
    const subscribed = await runCli(
      ['subscribe', '--url', 'https://hooks.example.com/a', '--event', 'note_created', '--json'],
      {
        env: { ...env(emu, stateDir) },
      },
    );
    expect(subscribed.code).toBe(0);
    expect(emu.store.list()[0]?.callback_token).toBe(token);
    const body = '{"id":1}';
    const verified = await runCli(['verify', '--signature', hmacHex(body, token)], {
      env: state,
      input: body,
    });
    expect(verified.code).toBe(0);
    const fromEnv = await runCli(
      ['subscribe', '--url', 'https://hooks.example.com/b', '--event', 'note_created', '--json'],
      {
        env: { ...env(emu, stateDir), SALESLOFT_CALLBACK_TOKEN: 'env-token-0123456789' },
      },
    );
    expect(fromEnv.code).toBe(0);
    expect(JSON.parse(fromEnv.stdout).token).toBe('env-…6789');
    expect(emu.store.list().find((sub) => sub.callback_url.endsWith('/b'))?.callback_token).toBe(
      'env-token-0123456789',
    );
  });

  it('a delivery shows as soon as it is verified; a slow app’s answer follows on its own line', async () => {
    const emu = await emulator();
    const stateDir = tempDir('slh-state-');
    const token = (await runCli(['listen', '--print-token'], { env: env(emu, stateDir) })).stdout.trim();
    const app = await verifyingHandler(token);
    app.hold();
    const cli = startCli(
      ['listen', '--event', 'meeting_booked', '--forward-to', `:${app.port}`],
      env(emu, stateDir),
    );
    await cli.waitFor(READY);
    emu.fire('meeting_booked');
    await cli.waitFor(/#1 {2}meeting_booked .*verified\n/, 'stdout');
    while (app.handled.length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(cli.stdout).not.toContain('<--');
    app.release();
    await cli.waitFor(/#1 {2}<-- 200/, 'stdout');
    expect(cli.stdout.trim().split('\n')).toHaveLength(2);
    cli.child.kill('SIGINT');
    expect(await cli.exited).toBe(0);
  });
});

describe('tunnels and URLs', () => {
  it('--public-url alone implies --tunnel none; with --tunnel ngrok it is exit 2', async () => {
    const emu = await emulator();
    const cli = startCli(['listen', '--public-url', 'https://proxy.example.com', '--event', 'step_created'], {
      ...env(emu),
      SALESLOFT_API_URL: emu.url.replace('127.0.0.1', 'localhost'),
    });
    await cli.waitFor(/Ready: https:\/\/proxy\.example\.com\/salesloft-hooks\/[0-9a-f]+ \(1 subscription\)/);
    cli.child.kill('SIGINT');
    expect(await cli.exited).toBe(0);

    const requestsBefore = emu.requests.length;
    const both = await runCli(['listen', '--tunnel', 'ngrok', '--public-url', 'https://p.example.com'], {
      env: env(emu),
    });
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/^Error: --public-url .* goes with --tunnel none/);
    expect(emu.requests).toHaveLength(requestsBefore);
  });

  it('--tunnel none against a real Salesloft without --public-url is exit 2, before any request', async () => {
    const result = await runCli(['listen', '--tunnel', 'none', '--json'], {
      env: { SALESLOFT_API_KEY: 'ak_test', SALESLOFT_API_URL: 'https://api.salesloft.com' },
    });
    expect(result.code).toBe(2);
    expect(parseJson(result)).toEqual({
      error: {
        code: 'public_url_needed',
        message: expect.stringContaining('cannot reach 127.0.0.1'),
      },
    });
  });

  it('a --port already in use is exit 2 with a clear message; --event "," is exit 2', async () => {
    const emu = await emulator();
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as { port: number }).port;
    const result = await runCli(['listen', '--port', String(port), '--event', 'note_created'], {
      env: env(emu),
    });
    taken.close();
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`Error: Port ${port} on 127.0.0.1 is in use: pass another --port`);
    const empty = await runCli(['listen', '--event', ','], { env: env(emu) });
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('The event list is empty (an unset variable?)');
    expect(emu.store.list()).toEqual([]);
  });
});

describe('event types a real account refuses', () => {
  it('listen skips a 403 (naming the scope) and a 422, and listens to the rest', async () => {
    const emu = await emulator();
    emu.faults.add({ kind: 'status', status: 403, method: 'POST', event_type: 'person_updated' });
    emu.faults.add({ kind: 'status', status: 422, method: 'POST', event_type: 'task_created' });
    const cli = startCli(['listen', '--event', 'person_updated,task_created,note_created'], env(emu));
    const [, , count] = await cli.waitFor(READY);
    expect(count).toBe('1');
    expect(cli.stderr).toMatch(/Warning: skipped person_updated: .*403.*needs the people:read scope/);
    expect(cli.stderr).toMatch(/Warning: skipped task_created: Salesloft answered 422/);
    expect(emu.store.list().map((sub) => sub.event_type)).toEqual(['note_created']);
    cli.child.kill('SIGINT');
    expect(await cli.exited).toBe(0);
    expect(emu.store.list()).toEqual([]);
  });

  it('when every create is refused: exit 3 for 403s, exit 4 for 422s, nothing left', async () => {
    const emu = await emulator();
    emu.faults.add({ kind: 'status', status: 403, method: 'POST', count: 0 });
    const forbidden = await runCli(['listen', '--event', 'person_*', '--json'], { env: env(emu) });
    expect(forbidden.code).toBe(3);
    expect(parseJson<{ error: { message: string } }>(forbidden).error.message).toMatch(
      /^Salesloft refused every event type/,
    );
    emu.faults.clear();
    emu.faults.add({ kind: 'status', status: 422, method: 'POST', count: 0 });
    const invalid = await runCli(['listen', '--event', 'person_*'], { env: env(emu) });
    expect(invalid.code).toBe(4);
    expect(emu.store.list()).toEqual([]);
  });

  it('subscribe stays all-or-nothing; its 403 names the missing scope and exits 3', async () => {
    const emu = await emulator();
    emu.faults.add({ kind: 'status', status: 403, method: 'POST', event_type: 'call_created' });
    const result = await runCli(
      ['subscribe', '--url', 'http://127.0.0.1:9/x', '--event', 'note_created,call_created', '--yes'],
      { env: env(emu) },
    );
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/call_created needs the calls:read scope/);
    expect(emu.store.list()).toEqual([]);
  });
});

describe('stopping during the subscribe phase', () => {
  it('Ctrl-C is acknowledged at once, and what was created is deleted', async () => {
    const emu = await emulator();
    emu.faults.latencyMs = 400;
    const cli = startCli(['listen', '--event', 'all'], env(emu));
    await cli.waitFor(/Subscribing .* to 36 event types/);
    cli.child.kill('SIGINT');
    await cli.waitFor(/SIGINT: stopping\. Waiting for the subscription requests in flight/, 'stderr', 2_000);
    expect(cli.stderr).toContain('press Ctrl-C again to exit now');
    expect(await cli.exited).toBe(0);
    expect(cli.stderr).not.toContain('Ready:');
    expect(emu.store.list()).toEqual([]);
    const posts = emu.requests.filter((request) => request.method === 'POST').length;
    expect(posts).toBeLessThan(36);
  });
});

describe('typos and everyday habits', () => {
  it('an event name one or two letters off is exit 2 with did-you-mean in subscribe, listen, unsubscribe and list', async () => {
    const emu = await emulator();
    for (const args of [
      ['subscribe', '--url', 'http://127.0.0.1:9/x', '--event', 'person_updatd', '--yes'],
      ['listen', '--event', 'person_updatd'],
      ['unsubscribe', '--event', 'person_updatd', '--yes'],
      ['list', '--event', 'person_updatd'],
    ]) {
      const result = await runCli(args, { env: env(emu) });
      expect(result.code, args[0]).toBe(2);
      expect(result.stderr, args[0]).toContain('did you mean person_updated?');
    }
    expect(emu.store.list()).toEqual([]);
  });

  it('sync --check reports a typo as a validation error with file:line', async () => {
    const dir = tempDir();
    const file = join(dir, 'hooks.yaml');
    writeFileSync(
      file,
      'subscriptions:\n  - url: https://hooks.example.com/x\n    token: t\n    events: [tsak_created]\n',
    );
    const emu = await emulator();
    const result = await runCli(['sync', '--file', file, '--check'], { env: env(emu) });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/hooks\.yaml:4.*did you mean task_created\?/);
  });

  it('-h is --help, -v, --version and version print the version, an unknown flag suggests the closest', async () => {
    const help = await runCli(['subscribe', '-h']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('USAGE');
    const versions = await Promise.all([['-v'], ['--version'], ['version']].map((args) => runCli(args)));
    for (const result of versions) {
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/^salesloft-hooks\/\d+\.\d+\.\d+ /);
    }
    const json = await runCli(['version', '--json']);
    expect(json.code).toBe(0);
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(JSON.parse(json.stdout)).toEqual({
      name: 'salesloft-hooks',
      version,
      node: process.versions.node,
      platform: process.platform,
      arch: process.arch,
    });
    const typo = await runCli(['list', '--evnt', 'x']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('Nonexistent flag: --evnt (did you mean --event?)');
  });
});

describe('trigger, like stripe trigger', () => {
  it('a glob sends one of each type; --set overrides the sample; --data - reads stdin', async () => {
    const app = await verifyingHandler('t');
    const url = `http://127.0.0.1:${app.port}/`;
    const globbed = await runCli(['trigger', 'person_*', '--to', url, '--token', 't', '--json']);
    expect(globbed.code).toBe(0);
    const types = app.handled.map((delivery) => delivery.headers['x-salesloft-event']);
    expect(types).toEqual(['person_created', 'person_deleted', 'person_updated']);

    const set = await runCli([
      'trigger',
      'person_updated',
      '--to',
      url,
      '--token',
      't',
      '--set',
      'first_name=Ada',
      '--set',
      'account.id=42',
    ]);
    expect(set.code).toBe(0);
    const body = JSON.parse(app.handled[3]?.body.toString() ?? '{}');
    expect(body.first_name).toBe('Ada');
    expect(body.account.id).toBe(42);

    const piped = await runCli(['trigger', 'note_created', '--to', url, '--token', 't', '--data', '-'], {
      input: '{"id": 7,\n "content": "from stdin"}',
    });
    expect(piped.code).toBe(0);
    expect(app.handled[4]?.body.toString()).toBe('{"id": 7,\n "content": "from stdin"}');
    expect(app.handled.every((delivery) => delivery.status === 200)).toBe(true);
  });
});

describe('the standalone emulator', () => {
  it('prints the lines to paste, and never delivers off this machine unless --deliver-anywhere', async () => {
    const cli = startCli(['emulator', '--port', '0']);
    const [, url] = await cli.waitFor(/Emulator listening on (http:\/\/127\.0\.0\.1:\d+)\n/);
    await cli.waitFor(/export SALESLOFT_API_KEY=/);
    expect(cli.stderr).toContain(`export SALESLOFT_API_URL=${url}\nexport SALESLOFT_API_KEY=ak_emulator\n`);
    const headers = { authorization: 'Bearer k', 'content-type': 'application/json' };
    await fetch(`${url}/v2/webhook_subscriptions`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        callback_url: 'https://hooks.example.com/x',
        callback_token: 't',
        event_type: 'note_created',
      }),
    });
    await fetch(`${url}/__emulator/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"event_type":"note_created"}',
    });
    const deliveries = (await (await fetch(`${url}/__emulator/deliveries`)).json()) as {
      data: { state: string; skipped?: string; attempts: unknown[] }[];
    };
    expect(deliveries.data).toEqual([
      expect.objectContaining({
        state: 'skipped',
        skipped: expect.stringContaining('not a loopback address'),
        attempts: [],
      }),
    ]);
    await cli.waitFor(/skipped: callback host is not a loopback address/);
    cli.child.kill('SIGINT');
    await cli.exited;
  });
});
