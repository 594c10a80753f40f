import { timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanEnv, parseJson, runCli, tempDir } from '../support/cli.js';
import { hmacHex } from '../support/hmac.js';

const TOKEN = 'doctor-token';
/**
 * Handlers people write: a correct one; one that never checks; an Express-style one that parses
 * the JSON and signs `JSON.stringify(req.body)`; one that pretty-prints before signing; a correct
 * one that refuses a resource id it has seen (409); two that acknowledge a duplicate without
 * handling it, one keyed on the id alone (as a published integration does), one on the id and
 * updated_at; one with no route (404); one that redirects.
 */
type Mode =
  | 'correct'
  | 'seen-ids'
  | 'seen-versions'
  | 'never-checks'
  | 'express-json'
  | 'reserializes'
  | 'non-idempotent'
  | 'not-found'
  | 'redirect';

const servers: Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    server.close();
  }
});

async function handler(mode: Mode, token = TOKEN): Promise<{ url: string; doctorHeaders: string[] }> {
  const doctorHeaders: string[] = [];
  const seen = new Set<unknown>();
  const server = createServer((req, res) => {
    if (mode === 'not-found') return res.writeHead(404).end('Cannot POST /hooks');
    if (mode === 'redirect') return res.writeHead(301, { location: 'https://example.test/hooks/' }).end();
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      doctorHeaders.push(String(req.headers['x-salesloft-hooks-doctor']));
      const raw = Buffer.concat(chunks);
      if (mode === 'never-checks') return res.writeHead(200).end('ok');
      const parsed = JSON.parse(raw.toString()) as { id?: unknown; updated_at?: unknown };
      const signed =
        mode === 'reserializes'
          ? Buffer.from(JSON.stringify(parsed, null, 2))
          : mode === 'express-json'
            ? Buffer.from(JSON.stringify(parsed))
            : raw;
      const given = Buffer.from(
        String(req.headers['x-salesloft-signature'] ?? '')
          .trim()
          .toLowerCase(),
      );
      const expected = Buffer.from(hmacHex(signed, token));
      const valid = given.length === expected.length && timingSafeEqual(given, expected);
      if (!valid) return res.writeHead(401).end('bad signature');
      if (mode === 'non-idempotent' && seen.has(parsed.id)) return res.writeHead(409).end('seen');
      const key = mode === 'seen-versions' ? `${parsed.id}@${parsed.updated_at}` : parsed.id;
      if ((mode === 'seen-ids' || mode === 'seen-versions') && seen.has(key)) {
        return res.writeHead(200).end('duplicate, skipped');
      }
      seen.add(key);
      res.writeHead(200).end('ok');
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`, doctorHeaders };
}

type Report = {
  checks: {
    name: string;
    result: string;
    expected: string;
    status: number | null;
    ms: number | null;
    note: string;
  }[];
  passed: boolean;
  stopped: string | null;
};

describe('doctor', () => {
  it('a correct handler passes every check (exit 0); the deliveries are marked as test traffic', async () => {
    const app = await handler('correct');
    const result = await runCli(['doctor', '--to', app.url, '--token', TOKEN, '--json']);
    expect(result.code).toBe(0);
    const report = parseJson<Report>(result);
    expect(report.passed).toBe(true);
    expect(report.checks.map((check) => [check.name, check.result])).toEqual([
      ['valid signature', 'pass'],
      ['wrong signature', 'pass'],
      ['no signature', 'pass'],
      ['SHA-256 signature', 'pass'],
      ['signature letter case', 'pass'],
      ['retried delivery', 'pass'],
      ['update of the same record', 'pass'],
      ['unknown event type', 'pass'],
      ['large body, unknown fields', 'pass'],
      ['response time', 'pass'],
    ]);
    for (const check of report.checks)
      expect(Object.keys(check).sort()).toEqual(['expected', 'ms', 'name', 'note', 'result', 'status']);
    expect(new Set(app.doctorHeaders)).toEqual(new Set(['1']));
  });

  it('a handler that never checks the signature fails the forgery checks (exit 1)', async () => {
    const app = await handler('never-checks');
    const result = await runCli(['doctor', '--to', app.url, '--token', TOKEN]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /^FAIL {2}wrong signature +401 or 403 +200 in \d+ ms.*\n {6}the handler accepts forgeries/m,
    );
    expect(result.stdout).toMatch(/^FAIL {2}no signature /m);
    expect(result.stdout).toMatch(/^Doctor: \d+ pass, \d+ warn, 3 FAIL\.$/m);
  });

  it('a handler that verifies a re-serialized body fails the valid delivery, with the usual cause', async () => {
    const app = await handler('reserializes');
    const result = await runCli(['doctor', '--to', app.url, '--token', TOKEN, '--json']);
    expect(result.code).toBe(1);
    const first = parseJson<Report>(result).checks[0];
    expect(first).toMatchObject({ name: 'valid signature', result: 'fail', status: 401 });
    expect(first?.note).toBe(
      'the handler rejects a valid delivery: it has another token, or it verifies something other than the raw body',
    );
  });

  it('an Express-style handler that signs JSON.stringify(req.body) fails, and the note says re-serialised for certain', async () => {
    const app = await handler('express-json');
    const result = await runCli(['doctor', '--to', app.url, '--token', TOKEN, '--json']);
    expect(result.code).toBe(1);
    const report = parseJson<Report>(result);
    expect(report.checks[0]).toMatchObject({ name: 'valid signature', result: 'fail', status: 401 });
    expect(report.checks[0]?.note).toMatch(
      /^the handler verifies a re-serialised body: .*verify the raw request body$/,
    );
    expect(report.passed).toBe(false);
  });

  it('a handler that refuses a resource it has seen warns on the retry and fails the update: every other check carries a fresh id', async () => {
    const app = await handler('non-idempotent');
    const result = await runCli(['doctor', '--to', app.url, '--token', TOKEN, '--json']);
    expect(result.code).toBe(1);
    const report = parseJson<Report>(result);
    expect(
      report.checks
        .filter((check) => check.result !== 'pass')
        .map((check) => [check.name, check.result, check.status]),
    ).toEqual([
      ['retried delivery', 'warn', 409],
      ['update of the same record', 'fail', 409],
    ]);
  });

  it('a handler that keeps a set of seen ids fails: it drops the newer update of a record; one keyed on id and updated_at passes', async () => {
    const byId = await handler('seen-ids');
    const failed = await runCli(['doctor', '--to', byId.url, '--token', TOKEN]);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(/^FAIL {2}update of the same record +2xx +200 in \d+ ms/m);
    expect(failed.stdout).toContain('the handler drops a newer update of a record it has seen');
    const report = parseJson<Report>(await runCli(['doctor', '--to', byId.url, '--token', TOKEN, '--json']));
    expect(report.checks.find((check) => check.name === 'update of the same record')?.note).toBe(
      'the handler drops a newer update of a record it has seen: deliveries carry no event id, so dedupe on id and updated_at together, never id alone',
    );
    const byVersion = await handler('seen-versions');
    const passed = await runCli(['doctor', '--to', byVersion.url, '--token', TOKEN, '--json']);
    expect(passed.code).toBe(0);
    expect(parseJson<Report>(passed).checks.every((check) => check.result === 'pass')).toBe(true);
  });

  it('--event link_swap checks the answer Salesloft waits for: {"links": {...}} passes, "ok" fails', async () => {
    const answering = (answer: string) => {
      const server = createServer((req, res) => {
        req.resume();
        req.on('end', () => {
          // It checks no signature: the forgery checks are the other tests' business.
          res.writeHead(200, { 'content-type': 'application/json' }).end(answer);
        });
      });
      servers.push(server);
      return new Promise<string>((resolve) =>
        server.listen(0, '127.0.0.1', () =>
          resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`),
        ),
      );
    };
    const good = await runCli([
      'doctor',
      '--to',
      await answering('{"links":{}}'),
      '--event',
      'link_swap',
      '--token',
      TOKEN,
      '--json',
    ]);
    expect(parseJson<Report>(good).checks[0]).toMatchObject({
      name: 'valid signature',
      result: 'pass',
      expected: '2xx + links',
    });
    const bad = await runCli([
      'doctor',
      '--to',
      await answering('ok'),
      '--event',
      'link_swap',
      '--token',
      TOKEN,
      '--json',
    ]);
    expect(bad.code).toBe(1);
    expect(parseJson<Report>(bad).checks[0]).toMatchObject({
      name: 'valid signature',
      result: 'fail',
      status: 200,
      note: 'Salesloft cannot use this link_swap answer: the answer is not JSON',
    });
  });

  it('a 404 to the valid delivery stops the run with "no route at this URL", not a pass for every forgery', async () => {
    const app = await handler('not-found');
    const human = await runCli(['doctor', '--to', app.url, '--token', TOKEN]);
    expect(human.code).toBe(1);
    expect(human.stdout).toMatch(/^FAIL {2}valid signature +2xx +404 in \d+ ms/m);
    expect(human.stdout).toContain(
      'no route at this URL: the handler answered 404 to a valid POST; check the path',
    );
    expect(human.stdout).toMatch(/^Doctor stopped: /m);
    expect(human.stdout).not.toMatch(/^pass /m);
    const report = parseJson<Report>(await runCli(['doctor', '--to', app.url, '--token', TOKEN, '--json']));
    expect(report.checks.map((check) => check.name)).toEqual(['valid signature']);
    expect(report).toMatchObject({ passed: false, stopped: expect.stringMatching(/^no route at this URL/) });
  });

  it('a redirect stops the run and names where it points', async () => {
    const app = await handler('redirect');
    const result = await runCli(['doctor', '--to', app.url, '--token', TOKEN, '--json']);
    expect(result.code).toBe(1);
    expect(parseJson<Report>(result).stopped).toBe(
      'no route at this URL: it redirects to https://example.test/hooks/, and Salesloft does not follow redirects; use the final URL',
    );
  });

  it('signs with the token listen --print-token prints when no token is given, and a glob --event says which type it used', async () => {
    const env = { env: cleanEnv({ SALESLOFT_HOOKS_STATE_DIR: tempDir() }) };
    const printed = await runCli(['listen', '--print-token'], env);
    const app = await handler('correct', printed.stdout.trim());
    const result = await runCli(['doctor', '--to', app.url, '--event', 'cadence_membership_*'], env);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(
      /^Using cadence_membership_created, the first of 2 event types matching cadence_membership_\*\.$/m,
    );
    expect(result.stdout).toMatch(/^Doctor: 10 pass, 0 warn, 0 FAIL\.$/m);
  });

  it('an unreachable URL is exit 4', async () => {
    const result = await runCli(['doctor', '--to', 'http://127.0.0.1:9/hooks', '--token', TOKEN, '--json']);
    expect(result.code).toBe(4);
    expect(parseJson<{ error: { message: string } }>(result).error.message).toMatch(
      /^Cannot reach 127\.0\.0\.1:9: connection refused/,
    );
  });
});
