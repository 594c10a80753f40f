import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { emulator } from '../support/emulator.js';
import { hmacHex } from '../support/hmac.js';
import { rawExchange } from '../support/raw-socket.js';
import { startCli } from '../support/spawn.js';

const TOKEN = 'hardening-token';
const sign = (body: string) => hmacHex(body, TOKEN);

function signedRequest(path: string, body: string): string {
  return [
    `POST ${path} HTTP/1.1`,
    'Host: 127.0.0.1',
    'Content-Type: application/json',
    'X-Salesloft-Event: person_updated',
    `X-Salesloft-Signature: ${sign(body)}`,
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Connection: close',
    '',
    body,
  ].join('\r\n');
}

describe('the listen receiver under abuse', () => {
  it('keeps serving through garbage, truncation, huge and slow requests, and 1,000 concurrent deliveries', async () => {
    const emu = await emulator();
    const cli = startCli(
      ['listen', '--tunnel', 'none', '--event', 'person_updated', '--token', TOKEN, '--json'],
      {
        SALESLOFT_API_URL: emu.url,
        SALESLOFT_API_KEY: 'k',
      },
    );
    const [, callbackUrl] = (await cli.waitFor(/Ready: (\S+) /)) as RegExpMatchArray;
    const url = callbackUrl as string;
    const path = new URL(url).pathname;

    // Random bytes, several times: a 400 or a closed connection, never a crash.
    for (let i = 0; i < 5; i++) {
      const answer = await rawExchange(url, [randomBytes(512)]);
      expect(answer === '' || answer.startsWith('HTTP/1.1 400')).toBe(true);
    }
    // A body shorter than its Content-Length, then the client goes away.
    await rawExchange(url, [`POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n{"id":`], {
      endAfterMs: 50,
    });
    // 10 MiB: refused with 413 without reading it all.
    const huge = await fetch(url, { method: 'POST', body: Buffer.alloc(10 * 1024 * 1024, 120) });
    expect(huge.status).toBe(413);
    // Headers one byte at a time: still a proper answer.
    const slowBody = '{"id":100077,"first_name":"Slow"}';
    const slow = await rawExchange(url, [...signedRequest(path, slowBody)], { gapMs: 2 });
    expect(slow).toMatch(/^HTTP\/1\.1 200/);

    // 1,000 concurrent signed deliveries: each answered 200 and printed once.
    const bodies = Array.from({ length: 1000 }, (_, i) =>
      JSON.stringify({ id: i + 1, email_address: `p${i}@example.com` }),
    );
    const statuses = await Promise.all(
      bodies.map((body) =>
        fetch(url, {
          method: 'POST',
          body,
          headers: {
            'content-type': 'application/json',
            'x-salesloft-event': 'person_updated',
            'x-salesloft-signature': sign(body),
          },
        }).then((response) => response.status),
      ),
    );
    expect(statuses.filter((status) => status === 200)).toHaveLength(1000);

    // Still alive and verifying: a real delivery from the emulator.
    emu.fire('person_updated', { id: 424242 });
    await emu.deliveriesSettled();
    expect(emu.deliveries()[0]?.state).toBe('delivered');
    await cli.waitFor(/"id":424242/, 'stdout');
    const lines = cli.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    const ids = lines.filter((line) => line.signature.valid).map((line) => line.body.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(1000 + 2);

    cli.child.kill('SIGINT');
    expect(await cli.exited).toBe(0);
    expect(emu.store.list()).toEqual([]);
  }, 60_000);
});
