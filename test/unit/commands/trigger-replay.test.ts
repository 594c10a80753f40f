// trigger and replay run in this process; stdin (--data -) and trigger through a running listen
// stay in test/e2e/trigger-replay.test.ts.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVENT_TYPES } from '../../../packages/webhooks/src/catalog/event-types.js';
import { parseJson, tempDir } from '../../support/cli.js';
import { emulator } from '../../support/emulator.js';
import { hmacHex } from '../../support/hmac.js';
import { runInProcess as runCli } from '../../support/in-process.js';
import { recordingServer } from '../../support/receiver.js';
import { startCli } from '../../support/spawn.js';

const hmacSha1 = (body: Buffer, key: string) => hmacHex(body, key);

// What each resource's sample must carry to pass for the real thing.
const SHAPES: Record<string, string[]> = {
  person: ['email_address', 'first_name', 'last_name'],
  task: ['subject', 'task_type', 'current_state', 'due_date', 'person', 'user'],
  account: ['name', 'domain'],
  cadence: ['name'],
  cadence_membership: ['cadence', 'person', 'current_state'],
  call: ['disposition', 'called_person'],
  call_data_record: ['direction', 'status'],
  email: ['status', 'counts'],
  meeting: ['title', 'start_time'],
  note: ['content'],
  step: ['type', 'cadence'],
  user: ['email', 'name'],
  success: ['succeeded_at', 'person'],
  bulk_job: ['state', 'total'],
  conversation: ['title', 'platform'],
  conversation_recording: ['conversation_id'],
  conversation_transcript: ['conversation_id'],
};

describe('trigger', () => {
  it('sends each of the 37 event types signed as Salesloft signs, shaped like its resource', async () => {
    const target = await recordingServer();
    const result = await runCli(['trigger', 'all', '--to', target.url, '--token', 'tok-37', '--json']);
    expect(result.code).toBe(0);
    const sent = parseJson<{ deliveries: { event_type: string; status: number }[] }>(result).deliveries;
    expect(sent.map((delivery) => [delivery.event_type, delivery.status])).toEqual(
      EVENT_TYPES.map((event) => [event.name, 200]),
    );
    expect(target.received).toHaveLength(37);
    for (const event of EVENT_TYPES) {
      const delivery = target.received.find(
        (received) => received.headers['x-salesloft-event'] === event.name,
      );
      expect(delivery?.headers['content-type']).toBe('application/json');
      expect(delivery?.headers['x-salesloft-signature']).toBe(
        hmacSha1(delivery?.body ?? Buffer.alloc(0), 'tok-37'),
      );
      const body = JSON.parse(delivery?.body.toString() ?? 'null');
      if (event.name !== 'link_swap') expect(body.id, event.name).toBeDefined();
      expect(body).not.toHaveProperty('event_type');
      const expected =
        event.name === 'link_swap' ? ['links', 'person', 'mailing'] : (SHAPES[event.resource] ?? []);
      for (const field of expected) expect(body, `${event.name}.${field}`).toHaveProperty(field);
    }
  });

  it('prints the status and time; without --token signs with the stored token, printed when new; --count sends fresh samples', async () => {
    const target = await recordingServer();
    const result = await runCli(['trigger', 'person_updated', '--to', target.url, '--count', '2']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^#1 person_updated {2}<-- 200 \d+ ms "ok"\n#2 person_updated {2}<-- 200 \d+ ms "ok"\n$/,
    );
    const token = /new callback token, stored in the state directory: ([0-9a-f]{64})/.exec(
      result.stderr,
    )?.[1];
    expect(token).toBeDefined();
    const [first, second] = target.received;
    expect(first?.headers['x-salesloft-signature']).toBe(
      hmacSha1(first?.body ?? Buffer.alloc(0), token ?? ''),
    );
    expect(first?.body.equals(second?.body ?? Buffer.alloc(0))).toBe(false);
  });

  it('--data sends the file’s bytes unchanged', async () => {
    const target = await recordingServer();
    const file = join(tempDir(), 'task.json');
    writeFileSync(file, '{ "id": 1,\n  "subject": "spacing kept" }\n');
    const result = await runCli([
      'trigger',
      'task_updated',
      '--to',
      target.url,
      '--data',
      file,
      '--token',
      'k',
      '--json',
    ]);
    expect(parseJson(result)).toEqual({
      deliveries: [{ event_type: 'task_updated', status: 200, ms: expect.any(Number) }],
    });
    expect(target.received[0]?.body.toString()).toBe('{ "id": 1,\n  "subject": "spacing kept" }\n');
  });

  it('a non-2xx answer exits 1 with the status shown', async () => {
    const target = await recordingServer(() => 401);
    const result = await runCli(['trigger', 'note_created', '--to', target.url, '--token', 'k']);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/<-- 401/);
    expect(result.stderr).toContain('answered outside 2xx (401)');
  });

  it('an unreachable target exits 4 naming the address', async () => {
    const result = await runCli(['trigger', 'person_updated', '--to', 'http://127.0.0.1:9/hook', '--json']);
    expect(result.code).toBe(4);
    expect(parseJson(result)).toEqual({
      error: { code: 'network', message: 'Cannot deliver to 127.0.0.1:9: connection refused (ECONNREFUSED)' },
    });
  });

  it('an unknown event exits 2 suggesting the closest names', async () => {
    const typo = await runCli(['trigger', 'person_update', '--to', 'http://127.0.0.1:9']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(/Unknown event type "person_update": did you mean person_updated\?/);
    const far = await runCli(['trigger', 'persona_deleted_now', '--to', 'http://127.0.0.1:9']);
    expect(far.code).toBe(2);
    expect(far.stderr).toMatch(/Unknown event type "persona_deleted_now"\. Did you mean person_deleted/);
  });
});

describe('replay', () => {
  /** Records two deliveries with listen's stored token; replay shares the state directory and API URL. */
  async function recordSome(): Promise<{ record: string; token: string; env: Record<string, string> }> {
    const emu = await emulator();
    const record = join(tempDir(), 'deliveries.jsonl');
    const env = {
      SALESLOFT_API_URL: emu.url,
      SALESLOFT_API_KEY: 'k',
      SALESLOFT_HOOKS_STATE_DIR: tempDir('slh-state-'),
    };
    const cli = startCli(['listen', '--event', 'person_*', '--max-deliveries', '2', '--record', record], env);
    const [, token] = await cli.waitFor(/Callback token: ([0-9a-f]{64})\n/);
    emu.fire('person_created');
    emu.fire('person_updated');
    expect(await cli.exited).toBe(0);
    return { record, token: token as string, env };
  }

  it('re-sends a recorded delivery with identical bytes and headers, signed with listen’s token', async () => {
    const { record, token, env } = await recordSome();
    const recorded = readFileSync(record, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    const target = await recordingServer();
    const result = await runCli(
      ['replay', String(recorded[1].id), '--from', record, '--to', `${target.url}/again`, '--json'],
      { env },
    );
    expect(result.code).toBe(0);
    expect(parseJson(result)).toEqual({
      deliveries: [
        { id: recorded[1].id, event_type: recorded[1].event_type, status: 200, ms: expect.any(Number) },
      ],
      skipped: [],
    });
    const received = target.received[0];
    expect(received?.body.equals(Buffer.from(recorded[1].body_base64, 'base64'))).toBe(true);
    for (const name of ['content-type', 'x-salesloft-event', 'x-salesloft-signature']) {
      expect(received?.headers[name]).toBe(recorded[1].headers[name]);
    }
    expect(received?.headers['x-salesloft-signature']).toBe(
      hmacSha1(received?.body ?? Buffer.alloc(0), token),
    );
  });

  it('--token re-signs so the signature verifies under the new token; all replays every one', async () => {
    const { record } = await recordSome();
    const target = await recordingServer();
    const result = await runCli([
      'replay',
      'all',
      '--from',
      record,
      '--to',
      target.url,
      '--token',
      'new-token',
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout.trim().split('\n')).toHaveLength(2);
    for (const received of target.received) {
      expect(received.headers['x-salesloft-signature']).toBe(hmacSha1(received.body, 'new-token'));
    }
  });

  it('skips a delivery recorded as INVALID unless --include-invalid, so a forgery is never re-signed by default', async () => {
    const { record } = await recordSome();
    const lines = readFileSync(record, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    lines[0].signature = { valid: false, reason: 'mismatch' };
    writeFileSync(record, `${lines.map((line) => JSON.stringify(line)).join('\n')}\n`);
    const target = await recordingServer();
    const skipped = await runCli([
      'replay',
      'all',
      '--from',
      record,
      '--to',
      target.url,
      '--token',
      't',
      '--json',
    ]);
    expect(skipped.code).toBe(0);
    expect(parseJson(skipped)).toMatchObject({ deliveries: [{ id: lines[1].id }], skipped: [lines[0].id] });
    expect(skipped.stderr).toContain(
      `skipped #${lines[0].id}: it was recorded with an invalid signature (mismatch)`,
    );
    expect(target.received).toHaveLength(1);
    const included = await runCli([
      'replay',
      String(lines[0].id),
      '--from',
      record,
      '--to',
      target.url,
      '--token',
      't',
      '--include-invalid',
    ]);
    expect(included.code).toBe(0);
    expect(target.received).toHaveLength(2);
  });

  it('an id not in the file, or a file that is not a recording, exits 2', async () => {
    const { record } = await recordSome();
    const missing = await runCli(['replay', '42', '--from', record, '--to', 'http://127.0.0.1:9']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('No delivery 42 in the recording');
    const junk = join(tempDir(), 'junk.jsonl');
    writeFileSync(junk, 'not json\n');
    const bad = await runCli(['replay', '1', '--from', junk, '--to', 'http://127.0.0.1:9']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('junk.jsonl:1 is not a line written by `listen --record`');
  });
});
