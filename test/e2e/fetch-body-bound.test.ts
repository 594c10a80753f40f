// An attacker needs no signature to send a body: the Fetch handler must stop reading at its
// limit, whatever the headers say. In a process of its own, so its memory is its own.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/cli.js';

const SCRIPT = `
import { createFetchHandler, Webhooks } from './packages/webhooks/dist/esm/index.js';
const handler = createFetchHandler(new Webhooks({ token: 't', maxBodyBytes: 1024 * 1024 }));
let sent = 0;
const chunk = new Uint8Array(64 * 1024).fill(120);
const body = new ReadableStream({
  pull(controller) {
    if (sent >= 64 * 1024 * 1024) return controller.close();
    sent += chunk.length;
    controller.enqueue(chunk);
  },
});
// A chunked body: no content-length to refuse it by.
const request = new Request('http://app.test/hooks', { method: 'POST', body, duplex: 'half', headers: { 'x-salesloft-event': 'person_updated' } });
const answer = await handler(request);
console.log(JSON.stringify({ status: answer.status, sentMiB: sent / 1024 / 1024, rssMiB: process.memoryUsage().rss / 1024 / 1024 }));
`;

describe('the Fetch handler under a huge chunked body', () => {
  it('answers 413 after reading just past its limit (1 MiB of 64), staying far under 200 MB', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', SCRIPT], {
      cwd: ROOT,
    });
    const result = JSON.parse(stdout) as { status: number; sentMiB: number; rssMiB: number };
    expect(result.status).toBe(413);
    expect(result.sentMiB).toBeLessThan(4);
    expect(result.rssMiB).toBeLessThan(200);
  });
});
