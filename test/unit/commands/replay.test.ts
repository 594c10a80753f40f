import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import Replay from '../../../src/commands/replay.js';
import { tempDir } from '../../support/cli.js';
import { runCommand } from '../../support/command.js';
import { hmacHex } from '../../support/hmac.js';
import { recordingServer } from '../../support/receiver.js';

function recording(bodies: string[]): string {
  const file = join(tempDir(), 'deliveries.jsonl');
  const lines = bodies.map((body, index) =>
    JSON.stringify({
      v: 1,
      id: index + 1,
      received_at: '2026-12-01T00:00:00.000Z',
      event_type: 'note_created',
      path: '/salesloft-hooks/abc',
      headers: { 'content-type': 'application/json', 'x-salesloft-event': 'note_created' },
      body_base64: Buffer.from(body).toString('base64'),
      signature: { valid: true, reason: null },
    }),
  );
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

describe('replay (in process)', () => {
  it('re-sends the recorded bytes, signed with the token, and returns each answer with its event type', async () => {
    const app = await recordingServer();
    const file = recording(['{"id":1}', '{"id":2,"content":"x"}']);
    const run = await runCommand(Replay, ['2', '--from', file, '--to', app.url, '--token', 'tok', '--json']);
    expect(run.exitCode).toBe(0);
    expect(run.result).toMatchObject({
      deliveries: [{ id: 2, event_type: 'note_created', status: 200 }],
      skipped: [],
    });
    expect(app.received.map((request) => request.body.toString())).toEqual(['{"id":2,"content":"x"}']);
    expect(app.received[0]?.headers['x-salesloft-signature']).toBe(hmacHex('{"id":2,"content":"x"}', 'tok'));
  });

  it('an id not in the recording is exit 2', async () => {
    const run = await runCommand(Replay, [
      '7',
      '--from',
      recording(['{}']),
      '--to',
      'http://127.0.0.1:9',
      '--token',
      't',
    ]);
    expect(run.exitCode).toBe(2);
  });
});
