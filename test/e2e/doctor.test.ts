import { timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { parseJson, runCli } from '../support/cli.js';
import { hmacHex } from '../support/hmac.js';

const TOKEN = 'doctor-token';
type Mode = 'correct' | 'never-checks' | 'reserializes';

const servers: Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    server.close();
  }
});

/** Three handlers people write: a correct one, one that never checks, one that checks a re-serialized body. */
async function handler(mode: Mode): Promise<{ url: string; doctorHeaders: string[] }> {
  const doctorHeaders: string[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      doctorHeaders.push(String(req.headers['x-salesloft-hooks-doctor']));
      const raw = Buffer.concat(chunks);
      if (mode === 'never-checks') return res.writeHead(200).end('ok');
      const signed =
        mode === 'reserializes' ? Buffer.from(JSON.stringify(JSON.parse(raw.toString()), null, 2)) : raw;
      const given = Buffer.from(
        String(req.headers['x-salesloft-signature'] ?? '')
          .trim()
          .toLowerCase(),
      );
      const expected = Buffer.from(hmacHex(signed, TOKEN));
      const valid = given.length === expected.length && timingSafeEqual(given, expected);
      res.writeHead(valid ? 200 : 401).end(valid ? 'ok' : 'bad signature');
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
      /^FAIL {2}wrong signature .*got 200 in \d+ ms.*\n {8}the handler accepts forgeries/m,
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
    expect(first?.note).toContain('a JSON body parser re-serialized the body');
  });

  it('an unreachable URL is exit 4', async () => {
    const result = await runCli(['doctor', '--to', 'http://127.0.0.1:9/hooks', '--token', TOKEN, '--json']);
    expect(result.code).toBe(4);
    expect(parseJson<{ error: { message: string } }>(result).error.message).toMatch(
      /^Cannot reach 127\.0\.0\.1:9: connection refused/,
    );
  });
});
