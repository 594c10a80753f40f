import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sign } from '../../packages/webhooks/src/catalog/signature.js';
import type { Emulator } from '../../packages/webhooks/src/emulator/emulator.js';
import { parseJson, runCli, tempDir } from '../support/cli.js';
import { emulator } from '../support/emulator.js';
import { startCli } from '../support/spawn.js';

function env(emu: Emulator, extra: Record<string, string> = {}) {
  return { SALESLOFT_API_URL: emu.url, SALESLOFT_API_KEY: 'ak_test', ...extra };
}

function against(emu: Emulator, extra: Record<string, string> = {}) {
  return { env: env(emu, extra) };
}

function syncFile(text: string): string {
  const file = join(tempDir(), 'hooks.yml');
  writeFileSync(file, text);
  return file;
}

async function listening(server: {
  listen(port: number, host: string, done: () => void): unknown;
  address(): unknown;
}) {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}

describe('bad input is refused with exit 2, never half-used', () => {
  it('--token-file strips a UTF-8 BOM and trailing CR, LF and spaces (as Notepad writes them)', async () => {
    const file = join(tempDir(), 'token.txt');
    writeFileSync(file, '\ufeffsecret-token  \r\n');
    const body = '{"id":1}';
    const result = await runCli(['verify', '--token-file', file, '--signature', sign(body, 'secret-token')], {
      input: body,
    });
    expect(result.stdout).toMatch(/^valid/);
    expect(result.code).toBe(0);
  });

  it('sync refuses a blank token, an unknown YAML tag and token_env naming the API key, with file:line', async () => {
    const emu = await emulator();
    const entry = (token: string) =>
      `subscriptions:\n  - url: https://hooks.example.com/x\n    ${token}\n    events: [person_updated]\n`;
    const cases: [string, RegExp][] = [
      ['token: "   "', /hooks\.yml:3: `token` is blank/],
      ['token: !env HOME', /hooks\.yml:3: .*YAML tags are not supported/],
      [
        'token_env: SALESLOFT_API_KEY',
        /hooks\.yml:3: token_env names SALESLOFT_API_KEY, a secret of this tool/,
      ],
    ];
    for (const [line, message] of cases) {
      const result = await runCli(['sync', '--file', syncFile(entry(line)), '--yes'], against(emu));
      expect(result.code, line).toBe(2);
      expect(result.stderr).toMatch(message);
    }
    expect(emu.store.list()).toEqual([]);
  });

  it('a callback URL’s userinfo is masked in every printed plan and table, exact in --json', async () => {
    const emu = await emulator();
    const url = 'https://user:hunter2@hooks.example.com/x';
    const runs = [
      await runCli(['subscribe', '--url', url, '--event', 'person_updated', '--yes'], against(emu)),
      await runCli(['subscribe', '--url', url, '--event', 'person_created', '--dry-run'], against(emu)),
      await runCli(['list'], against(emu)),
      await runCli(['unsubscribe', '--all', '--dry-run'], against(emu)),
      await runCli(
        [
          'sync',
          '--file',
          syncFile(`subscriptions:\n  - url: ${url}\n    token: abc\n    events: [task_created]\n`),
          '--dry-run',
        ],
        against(emu),
      ),
    ];
    for (const run of runs) {
      expect(run.stdout + run.stderr).not.toContain('hunter2');
      expect(run.stdout + run.stderr).toContain('https://***@hooks.example.com/x');
    }
    const json = await runCli(['list', '--json'], against(emu));
    expect(parseJson<{ callback_url: string }[]>(json)[0]?.callback_url).toBe(url);
  });

  it('subscribe --event "" (an unset variable), an API key outside Latin-1 and trigger --to - are exit 2', async () => {
    const emu = await emulator();
    const empty = await runCli(
      ['subscribe', '--url', 'https://hooks.example.com/x', '--event', '', '--yes'],
      against(emu),
    );
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('The event list is empty');
    const curly = await runCli(['list'], against(emu, { SALESLOFT_API_KEY: 'ak_\u201ctest\u201d' }));
    expect(curly.code).toBe(2);
    expect(curly.stderr).toContain('outside Latin-1');
    const dash = await runCli(['trigger', 'person_updated', '--to', '-', '--token', 't']);
    expect(dash.code).toBe(2);
    expect(dash.stderr).toContain('--to "http://-" has no usable host name');
    expect(emu.requests).toEqual([]);
  });

  it('a read-only state directory that holds a token: the token is read, and listen is exit 2 creating nothing', async () => {
    const emu = await emulator();
    const stateDir = tempDir('slh-state-');
    const withState = { env: { ...env(emu), SALESLOFT_HOOKS_STATE_DIR: stateDir } };
    const print = await runCli(['listen', '--print-token'], withState);
    expect(print.code).toBe(0);
    // Root ignores mode bits: a read-only bind mount is read-only for everyone.
    execFileSync('mount', ['--bind', stateDir, stateDir]);
    try {
      execFileSync('mount', ['-o', 'remount,ro,bind', stateDir]);
      const again = await runCli(['listen', '--print-token'], withState);
      expect(again).toMatchObject({ code: 0, stdout: print.stdout });
      const listen = await runCli(['listen', '--event', 'person_updated', '--no-inspect'], withState);
      expect(listen.code).toBe(2);
      expect(listen.stderr).toContain('Cannot use the state directory (');
      expect(listen.stderr).toContain('set SALESLOFT_HOOKS_STATE_DIR to a writable directory');
      expect(emu.store.list()).toEqual([]);
    } finally {
      execFileSync('umount', [stateDir]);
    }
  });

  it('a recording line missing fields: replay names file:line, the good lines are still sent', async () => {
    const dir = tempDir();
    const file = join(dir, 'r.jsonl');
    const good = (id: number) =>
      JSON.stringify({
        v: 1,
        id,
        received_at: '2026-11-28T00:00:00Z',
        event_type: 'person_updated',
        path: '/',
        headers: { 'content-type': 'application/json', 'x-salesloft-event': 'person_updated' },
        body_base64: Buffer.from(`{"id":${id}}`).toString('base64'),
        signature: { valid: true, reason: null },
      });
    writeFileSync(file, `${good(1)}\n{"v":1,"id":2,"body_base64":"e30="}\n${good(3)}\n`);
    const received: string[] = [];
    const app = createHttpServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => {
        body += chunk;
      });
      req.on('end', () => {
        received.push(body);
        res.end('ok');
      });
    });
    const to = await listening(app);
    const bad = await runCli(['replay', '2', '--from', file, '--to', to, '--token', 't']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(
      `${file}:2: delivery 2 is not a complete recorded delivery (missing or wrong:`,
    );
    const all = await runCli(['replay', 'all', '--from', file, '--to', to, '--token', 't']);
    app.close();
    expect(all.code).toBe(2);
    expect(all.stderr).toContain(`${file}:2 (delivery 2) is not a complete recorded delivery`);
    expect(received).toEqual(['{"id":1}', '{"id":3}']);
  });

  it('a malformed HTTP answer says so; a redirect says where it points and is not followed', async () => {
    const garbage = createServer((socket) => socket.end('NOT HTTP AT ALL\r\n\r\n'));
    const garbageUrl = await listening(garbage);
    const malformed = await runCli(['list'], {
      env: { SALESLOFT_API_URL: garbageUrl, SALESLOFT_API_KEY: 'ak_test' },
    });
    garbage.close();
    expect(malformed.code).toBe(4);
    expect(malformed.stderr).toMatch(/answered with a malformed HTTP response \(HPE_/);
    const seen: string[] = [];
    const redirect = createHttpServer((req, res) => {
      seen.push(req.url ?? '');
      res.writeHead(301, { location: 'https://login.example.com/v2/webhook_subscriptions' }).end();
    });
    const redirectUrl = await listening(redirect);
    const moved = await runCli(['list'], {
      env: { SALESLOFT_API_URL: redirectUrl, SALESLOFT_API_KEY: 'ak_test' },
    });
    redirect.close();
    expect(moved.code).toBe(4);
    expect(moved.stderr).toContain(
      'Salesloft answered 301, a redirect to https://login.example.com/v2/webhook_subscriptions',
    );
    expect(seen).toEqual(['/v2/webhook_subscriptions']);
  });
});

describe('Ctrl-C during a rate-limit wait', () => {
  it('stops the wait at once and rolls back (a Retry-After of almost 3 minutes is not sat out)', async () => {
    const emu = await emulator();
    const stateDir = tempDir('slh-state-');
    mkdirSync(stateDir, { recursive: true });
    emu.faults.add({ kind: 'status', status: 429, retry_after: 170, method: 'POST', skip: 2, count: 0 });
    const cli = startCli(
      ['subscribe', '--url', 'https://hooks.example.com/x', '--event', 'person_*', '--yes'],
      {
        ...env(emu),
        SALESLOFT_HOOKS_STATE_DIR: stateDir,
      },
    );
    await cli.waitFor(/Rate limited by Salesloft \(429\): waiting 1[67]\d/);
    cli.child.kill('SIGINT');
    expect(await cli.exited).toBe(130);
    expect(emu.store.list()).toEqual([]);
    expect(cli.stderr).toMatch(/SIGINT: stopped; deleted the 2 subscriptions this run had created/);
  }, 20_000);
});
