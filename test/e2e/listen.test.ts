import { createHash, createHmac } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Emulator } from '../../packages/webhooks/src/emulator/emulator.js';
import { runCli, tempDir } from '../support/cli.js';
import { emulator } from '../support/emulator.js';
import { hmacHex } from '../support/hmac.js';
import { freePort } from '../support/ports.js';
import { rawExchange } from '../support/raw-socket.js';
import { recordingServer } from '../support/receiver.js';
import { startCli } from '../support/spawn.js';

const READY = /Ready: (http:\/\/127\.0\.0\.1:\d+\/salesloft-hooks\/[0-9a-f]+) \((\d+) subscriptions?\)/;
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

function env(emu: Emulator, stateDir = tempDir('slh-state-')) {
  return { SALESLOFT_API_URL: emu.url, SALESLOFT_API_KEY: 'ak_test', SALESLOFT_HOOKS_STATE_DIR: stateDir };
}

async function listen(emu: Emulator, args: string[], stateDir = tempDir('slh-state-')) {
  const cli = startCli(['listen', '--tunnel', 'none', ...args], env(emu, stateDir));
  const [, callbackUrl, count] = await cli.waitFor(READY);
  return { cli, callbackUrl: callbackUrl as string, count: Number(count), stateDir };
}

function journals(stateDir: string): string[] {
  const dir = join(stateDir, 'sessions');
  return existsSync(dir) ? readdirSync(dir) : [];
}

function jsonLines(stdout: string): Record<string, unknown>[] {
  return stdout
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
}

describe('listen against the emulator', () => {
  it('subscribes, shows signed deliveries as verified (--json lines), and cleans up on SIGINT', async () => {
    const emu = await emulator();
    const { cli, callbackUrl, count, stateDir } = await listen(emu, [
      '--event',
      'person_updated,task_created',
      '--json',
    ]);
    expect(count).toBe(2);
    expect(emu.store.list().map((sub) => [sub.event_type, sub.callback_url])).toEqual([
      ['person_updated', callbackUrl],
      ['task_created', callbackUrl],
    ]);
    const journal = join(stateDir, 'sessions', journals(stateDir)[0] ?? '');
    expect(statSync(journal).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(journal, 'utf8')).subscription_ids).toHaveLength(2);

    const person = emu.fire('person_updated');
    const task = emu.fire('task_created');
    await cli.waitFor(/"task_created"[\s\S]*\n/, 'stdout');
    await cli.waitFor(/"person_updated"[\s\S]*\n/, 'stdout');
    const lines = jsonLines(cli.stdout);
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      expect(Object.keys(line).sort()).toEqual([
        'body',
        'event_type',
        'forward',
        'id',
        'path',
        'received_at',
        'signature',
        'v',
      ]);
      expect(line).toMatchObject({ v: 1, signature: { valid: true, reason: null }, forward: null });
      expect(line.path).toBe(new URL(callbackUrl).pathname);
    }
    expect(lines.find((line) => line.event_type === 'person_updated')?.body).toEqual(person.body);
    expect(lines.find((line) => line.event_type === 'task_created')?.body).toEqual(task.body);
    expect(lines.map((line) => line.id).sort()).toEqual([1, 2]);

    cli.child.kill('SIGINT');
    expect(await cli.exited).toBe(0);
    expect(emu.store.list()).toEqual([]);
    expect(journals(stateDir)).toEqual([]);
  });

  it('human lines: time, event, resource id, summary, verdict', async () => {
    const emu = await emulator();
    const { cli } = await listen(emu, ['--event', 'person_created']);
    emu.fire('person_created', {
      id: 4711,
      first_name: 'Ada',
      last_name: 'Lovelace',
      email_address: 'ada@example.com',
    });
    const [line] = await cli.waitFor(/.*person_created.*\n/, 'stdout');
    expect(line).toMatch(
      /^\d\d:\d\d:\d\d {2}#1 {2}person_created {2}4711 {2}Ada Lovelace <ada@example\.com> {2}verified\n$/,
    );
    cli.child.kill('SIGTERM');
    expect(await cli.exited).toBe(0);
  });

  it('a tampered delivery gets 401 and INVALID: mismatch, and Salesloft’s retries show as retries', async () => {
    const emu = await emulator({ retryIntervalMs: 50 });
    const { cli } = await listen(emu, ['--event', 'note_created']);
    const [sub] = emu.store.list();
    if (sub) sub.callback_token = 'not-the-session-token';
    emu.fire('note_created');
    await emu.deliveriesSettled();
    expect(emu.deliveries()[0]?.attempts.map((attempt) => attempt.status)).toEqual([401, 401, 401, 401]);
    await cli.waitFor(/#4 .*\n/, 'stdout');
    const lines = cli.stdout.trim().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines.every((line) => line.includes('INVALID: mismatch'))).toBe(true);
    expect(lines.slice(1).every((line) => line.includes('retry of #1'))).toBe(true);
    cli.child.kill('SIGINT');
    expect(await cli.exited).toBe(0);
  });

  it('a SHA-256 signature says so on its line; a forged copy of a real body is not a retry', async () => {
    const emu = await emulator();
    const { cli, callbackUrl } = await listen(emu, ['--event', 'note_created']);
    const [, token] = await cli.waitFor(/Callback token: (\S+)/);
    const body = '{"id":1}';
    const post = (signature: string) =>
      fetch(callbackUrl, {
        method: 'POST',
        headers: { 'x-salesloft-event': 'note_created', 'x-salesloft-signature': signature },
        body,
      });
    expect((await post(hmacHex(body, token as string))).status).toBe(200);
    const sha256 = createHmac('sha256', token as string)
      .update(body)
      .digest('hex');
    expect((await post(sha256)).status).toBe(401);
    await cli.waitFor(/#2 .*\n/, 'stdout');
    const [, forged] = cli.stdout.trim().split('\n');
    expect(forged).toContain('INVALID: malformed (matches HMAC-SHA256 of the body: Salesloft uses HMAC-SHA1');
    expect(forged).not.toContain('retry of');
    cli.child.kill('SIGINT');
    expect(await cli.exited).toBe(0);
  });

  it('deliveries past --max-deliveries are one line with their count, not a line each', async () => {
    const emu = await emulator();
    const { cli, callbackUrl } = await listen(emu, [
      '--event',
      'note_created',
      '--max-deliveries',
      '1',
      '--no-inspect',
    ]);
    const [, token] = await cli.waitFor(/Callback token: (\S+)/);
    const body = '{"id":1}';
    const statuses = await Promise.all(
      Array.from({ length: 8 }, () =>
        fetch(callbackUrl, {
          method: 'POST',
          headers: {
            'x-salesloft-event': 'note_created',
            'x-salesloft-signature': hmacHex(body, token as string),
          },
          body,
        }).then(
          (answer) => answer.status,
          () => 0,
        ),
      ),
    );
    expect(await cli.exited).toBe(0);
    const refused = statuses.filter((status) => status === 503).length;
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(cli.stderr).not.toContain('rejected POST');
    if (refused > 0) {
      expect(cli.stderr).toContain(
        `Answered ${refused === 1 ? '1 delivery' : `${refused} deliveries`} after --max-deliveries with 503`,
      );
    }
    expect(cli.stderr.match(/after --max-deliveries/g)?.length ?? 0).toBeLessThanOrEqual(1);
  });

  it('--forward-to sends byte-identical bodies with the original headers, and reports the status', async () => {
    const emu = await emulator();
    const target = await recordingServer();
    const { cli } = await listen(emu, [
      '--event',
      'email_updated',
      '--forward-to',
      `${target.url}/hook`,
      '--json',
    ]);
    const fired = emu.fire('email_updated');
    await emu.deliveriesSettled();
    await cli.waitFor(/\n/, 'stdout');
    expect(target.received).toHaveLength(1);
    const forwarded = target.received[0];
    // The emulator serialises the body once; the forward carries those bytes.
    expect(forwarded?.body.toString()).toBe(JSON.stringify(fired.body));
    const [sub] = emu.store.list();
    expect(forwarded?.path).toBe('/hook');
    expect(forwarded?.headers['content-type']).toBe('application/json');
    expect(forwarded?.headers['x-salesloft-event']).toBe('email_updated');
    // The signature still verifies: the bytes are the ones Salesloft signed.
    const signature = hmacHex(forwarded?.body ?? Buffer.alloc(0), sub?.callback_token ?? '');
    expect(forwarded?.headers['x-salesloft-signature']).toBe(signature);
    const [line] = jsonLines(cli.stdout);
    expect(line?.forward).toMatchObject({ status: 200, error: null, ms: expect.any(Number) });
    expect(sha256(Buffer.from(JSON.stringify(line?.body)))).toBe(
      sha256(Buffer.from(JSON.stringify(JSON.parse(forwarded?.body.toString() ?? '')))),
    );
    cli.child.kill('SIGINT');
    await cli.exited;
  });

  it('compares raw bytes: the forwarded body hashes the same as the emulator’s delivery', async () => {
    const emu = await emulator();
    const target = await recordingServer();
    const { cli } = await listen(emu, ['--event', 'note_updated', '--forward-to', target.url]);
    // Unusual but valid JSON spacing that a re-serializing proxy would change.
    const body = '{ "id": 9,  "content": "line one\\nline two", "nested": {"emoji": "✓", "n": 1.50} }';
    emu.fireRaw('note_updated', body);
    await emu.deliveriesSettled();
    expect(sha256(target.received[0]?.body ?? Buffer.alloc(0))).toBe(sha256(Buffer.from(body)));
    cli.child.kill('SIGINT');
    await cli.exited;
  });

  it('a 500 from the forward target reaches Salesloft as 500 and Salesloft retries; a dead target gives 502', async () => {
    const emu = await emulator({ retryIntervalMs: 30 });
    const failing = await recordingServer((n) => (n === 1 ? 500 : 200));
    const first = await listen(emu, ['--event', 'call_created', '--forward-to', failing.url]);
    emu.fire('call_created');
    await emu.deliveriesSettled();
    expect(emu.deliveries()[0]?.attempts.map((attempt) => attempt.status)).toEqual([500, 200]);
    await first.cli.waitFor(/#2 {2}<-- 200/, 'stdout');
    expect(first.cli.stdout).toMatch(/#1 {2}<-- 500/);
    expect(first.cli.stdout).toMatch(/#2 .*retry of #1/);
    expect(first.cli.stdout).toMatch(/#2 {2}<-- 200/);
    first.cli.child.kill('SIGINT');
    await first.cli.exited;

    const deadEmu = await emulator({ retries: 0 });
    const dead = await listen(deadEmu, [
      '--event',
      'call_created',
      '--forward-to',
      'http://127.0.0.1:9/hook',
    ]);
    deadEmu.fire('call_created');
    await deadEmu.deliveriesSettled();
    expect(deadEmu.deliveries()[0]?.attempts[0]?.status).toBe(502);
    await dead.cli.waitFor(/<-- 502 \(nothing listening at 127\.0\.0\.1:9/, 'stdout');
    dead.cli.child.kill('SIGINT');
    await dead.cli.exited;
  });

  it('--max-deliveries 3 exits 0 after 3 with cleanup done; --record holds 3 lines that verify accepts', async () => {
    const emu = await emulator();
    const dir = tempDir();
    const record = join(dir, 'deliveries.jsonl');
    const { cli, stateDir } = await listen(emu, [
      '--event',
      'task_*',
      '--token',
      'session-token-1',
      '--max-deliveries',
      '3',
      '--record',
      record,
    ]);
    for (const type of [
      'task_created',
      'task_updated',
      'task_completed',
      'task_deleted',
      'task_created',
    ] as const)
      emu.fire(type);
    expect(await cli.exited).toBe(0);
    expect(emu.store.list()).toEqual([]);
    expect(journals(stateDir)).toEqual([]);
    expect(cli.stdout.trim().split('\n')).toHaveLength(3);
    expect(statSync(record).mode & 0o777).toBe(0o600);
    const lines = readFileSync(record, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines).toHaveLength(3);
    for (const line of lines) {
      expect(line.signature).toEqual({ valid: true, reason: null });
      expect(line.headers['x-salesloft-event']).toBe(line.event_type);
      const bodyFile = join(dir, `body-${line.id}.json`);
      writeFileSync(bodyFile, Buffer.from(line.body_base64, 'base64'));
      const args = ['verify', '--signature', line.headers['x-salesloft-signature'], '--body-file', bodyFile];
      expect((await runCli([...args, '--token', 'session-token-1'])).code).toBe(0);
      expect((await runCli([...args, '--token', 'another-token'])).code).toBe(1);
    }
  });

  it('after SIGKILL the journal remains, the next session points at prune, and prune --yes deletes exactly those', async () => {
    const emu = await emulator();
    const bystander = emu.store.create({
      callback_url: 'https://other.example.com',
      callback_token: 't',
      event_type: 'person_updated',
    });
    const { cli, stateDir } = await listen(emu, ['--event', 'person_*']);
    cli.child.kill('SIGKILL');
    await cli.exited;
    expect(emu.store.list()).toHaveLength(4);
    expect(journals(stateDir)).toHaveLength(1);

    const next = await listen(emu, ['--event', 'note_created'], stateDir);
    expect(next.cli.stderr).toMatch(
      /1 earlier listen session ended without cleaning up; run `salesloft-hooks prune`/,
    );
    next.cli.child.kill('SIGINT');
    await next.cli.exited;

    const noTty = await runCli(['prune'], { env: env(emu, stateDir) });
    expect(noTty.code).toBe(2);
    expect(emu.store.list()).toHaveLength(4);

    const pruned = await runCli(['prune', '--yes', '--json'], { env: env(emu, stateDir) });
    expect(pruned.code).toBe(0);
    expect(
      JSON.parse(pruned.stdout)
        .deleted.map((sub: { event_type: string }) => sub.event_type)
        .sort(),
    ).toEqual(['person_created', 'person_deleted', 'person_updated']);
    expect(emu.store.list()).toEqual([bystander]);
    expect(journals(stateDir)).toEqual([]);
  });

  it('a second SIGINT during cleanup exits at once, names what is left and leaves the journal for prune', async () => {
    const emu = await emulator();
    const { cli, stateDir } = await listen(emu, ['--event', 'user_created,user_updated']);
    const ids = emu.store.list().map((sub) => `#${sub.id}`);
    emu.faults.latencyMs = 3_000;
    cli.child.kill('SIGINT');
    await cli.waitFor(/cleaning up/);
    // A repeat within 500 ms counts as the same Ctrl-C delivered twice.
    await new Promise((resolve) => setTimeout(resolve, 600));
    cli.child.kill('SIGINT');
    expect(await cli.exited).toBe(130);
    expect(cli.stderr).toContain(
      `SIGINT again: exiting without cleanup; left 2 subscriptions (${ids.join(' ')}): run \`salesloft-hooks prune\``,
    );
    expect(journals(stateDir)).toHaveLength(1);
  });

  it('a SIGHUP during a slow cleanup (the window closed) is ignored: all 35 are deleted, exit 0', async () => {
    const emu = await emulator();
    const { cli, stateDir } = await listen(emu, []);
    expect(emu.store.list()).toHaveLength(35);
    emu.faults.latencyMs = 300;
    cli.child.kill('SIGINT');
    await cli.waitFor(/cleaning up/);
    await new Promise((resolve) => setTimeout(resolve, 600));
    cli.child.kill('SIGHUP');
    expect(await cli.exited).toBe(0);
    expect(emu.store.list()).toEqual([]);
    expect(journals(stateDir)).toEqual([]);
    expect(cli.stderr).toContain('Deleted 35 subscriptions. Bye.');
  });
});

describe('listen tunnels', () => {
  it('--tunnel ngrok without NGROK_AUTHTOKEN exits 4 with how to get one, having created nothing', async () => {
    const emu = await emulator();
    const result = await runCli(['listen', '--tunnel', 'ngrok', '--event', 'person_updated'], {
      env: env(emu),
    });
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(
      /ngrok needs an authtoken: get one at https:\/\/dashboard\.ngrok\.com.*NGROK_AUTHTOKEN/,
    );
    expect(emu.requests.filter((r) => r.method === 'POST')).toEqual([]);
  });

  it('with a token but no reachable ngrok server exits 4 saying the tunnel could not connect', async () => {
    const emu = await emulator();
    const result = await runCli(['listen', '--tunnel', 'ngrok', '--event', 'person_updated', '--json'], {
      env: { ...env(emu), NGROK_AUTHTOKEN: 'fake-token', NGROK_SERVER_ADDR: '127.0.0.1:9' },
    });
    expect(result.code).toBe(4);
    expect(JSON.parse(result.stdout).error).toEqual({
      code: 'tunnel',
      message: expect.stringMatching(/^Could not open the ngrok tunnel \(failed to connect session/),
    });
    expect(emu.requests.filter((r) => r.method === 'POST')).toEqual([]);
  });

  it('a tunnel server that never answers is given up after --tunnel-timeout', async () => {
    const emu = await emulator();
    const silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as { port: number }).port;
    const args = ['listen', '--tunnel', 'ngrok', '--event', 'person_updated', '--tunnel-timeout', '1'];
    const result = await runCli(args, {
      env: { ...env(emu), NGROK_AUTHTOKEN: 'fake-token', NGROK_SERVER_ADDR: `127.0.0.1:${port}` },
    });
    silent.close();
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(/did not open within 1 s/);
    expect(emu.requests.filter((r) => r.method === 'POST')).toEqual([]);
  });

  it('--port binds the given port; --keep leaves the subscriptions and removes the journal on SIGHUP', async () => {
    const emu = await emulator();
    const port = await freePort();
    const stateDir = tempDir('slh-state-');
    const cli = startCli(
      ['listen', '--tunnel', 'none', '--event', 'note_*', '--port', String(port), '--keep'],
      env(emu, stateDir),
    );
    await cli.waitFor(
      new RegExp(`Ready: http://127\\.0\\.0\\.1:${port}/salesloft-hooks/[0-9a-f]+ \\(3 subscriptions\\)`),
    );
    cli.child.kill('SIGHUP');
    expect(await cli.exited).toBe(0);
    expect(cli.stderr).toContain('Kept 3 subscriptions (--keep).');
    expect(emu.store.list()).toHaveLength(3);
    expect(journals(stateDir)).toEqual([]);
  });

  it('--tunnel none --public-url uses that URL for the callbacks', async () => {
    const emu = await emulator();
    const cli = startCli(
      ['listen', '--tunnel', 'none', '--public-url', 'https://proxy.example.com/', '--event', 'step_created'],
      env(emu),
    );
    await cli.waitFor(/Ready: https:\/\/proxy\.example\.com\/salesloft-hooks\/[0-9a-f]+ \(1 subscription\)/);
    expect(emu.store.list()[0]?.callback_url).toMatch(/^https:\/\/proxy\.example\.com\/salesloft-hooks\//);
    cli.child.kill('SIGINT');
    expect(await cli.exited).toBe(0);
  });
});

describe('the receiver under bad input', () => {
  it('answers 413, 400, 401 and 405 as it should, and keeps serving', async () => {
    const emu = await emulator();
    const { cli, callbackUrl } = await listen(emu, ['--event', 'account_created']);
    const big = await fetch(callbackUrl, { method: 'POST', body: Buffer.alloc(5 * 1024 * 1024, 97) });
    expect(big.status).toBe(413);
    expect(await rawExchange(callbackUrl, [Buffer.from([0, 255, 13, 10, 13, 10, 7, 7])])).toMatch(
      /^HTTP\/1\.1 400/,
    );
    const unsigned = await fetch(callbackUrl, {
      method: 'POST',
      body: '{"id":1}',
      headers: { 'x-salesloft-event': 'account_created' },
    });
    expect(unsigned.status).toBe(401);
    expect((await fetch(callbackUrl, { method: 'GET' })).status).toBe(405);
    expect(
      (await fetch(`${new URL(callbackUrl).origin}/elsewhere`, { method: 'POST', body: '{}' })).status,
    ).toBe(404);
    await cli.waitFor(/INVALID: missing/, 'stdout');

    emu.fire('account_created');
    await emu.deliveriesSettled();
    expect(emu.deliveries()[0]?.state).toBe('delivered');
    await cli.waitFor(/account_created .*verified/, 'stdout');
    expect(cli.stderr).toMatch(/rejected POST \/salesloft-hooks\/[0-9a-f]+: 413 body over 1 MiB/);
    cli.child.kill('SIGINT');
    expect(await cli.exited).toBe(0);
  });
});

describe('listen --emulator', () => {
  it('needs no API key or tunnel and shows verified sample deliveries at once', async () => {
    const stateDir = tempDir('slh-state-');
    const cli = startCli(
      ['listen', '--emulator', '--event', 'person_*,cadence_created', '--max-deliveries', '4'],
      {
        SALESLOFT_HOOKS_STATE_DIR: stateDir,
      },
    );
    expect(await cli.exited).toBe(0);
    expect(cli.stderr).toMatch(
      /Ready: http:\/\/127\.0\.0\.1:\d+\/salesloft-hooks\/[0-9a-f]+ \(4 subscriptions\)/,
    );
    const lines = cli.stdout.trim().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines.every((line) => line.includes('verified'))).toBe(true);
    expect(cli.stderr).toContain('Deleted 4 subscriptions');
    expect(journals(stateDir)).toEqual([]);
  });
});
