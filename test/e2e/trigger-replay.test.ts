import { createHmac } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVENT_TYPES } from '../../src/catalog/event-types.js';
import { mapBounded } from '../../src/salesloft/concurrency.js';
import { parseJson, runCli, tempDir } from '../support/cli.js';
import { emulator } from '../support/emulator.js';
import { recordingServer } from '../support/receiver.js';
import { startCli } from '../support/spawn.js';

const hmacSha1 = (body: Buffer, key: string) => createHmac('sha1', key).update(body).digest('hex');

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
    const results = await mapBounded(
      EVENT_TYPES,
      (event) =>
        runCli(['trigger', event.name, '--to', `${target.url}/${event.name}`, '--token', 'tok-37', '--json']),
      4,
    );
    expect(results.map((result) => (result.ok ? result.value.code : 'crashed'))).toEqual(
      EVENT_TYPES.map(() => 0),
    );
    expect(target.received).toHaveLength(37);
    for (const event of EVENT_TYPES) {
      const delivery = target.received.find((received) => received.path === `/${event.name}`);
      expect(delivery?.headers['x-salesloft-event']).toBe(event.name);
      expect(delivery?.headers['content-type']).toBe('application/json');
      expect(delivery?.headers['x-salesloft-signature']).toBe(
        hmacSha1(delivery?.body ?? Buffer.alloc(0), 'tok-37'),
      );
      const body = JSON.parse(delivery?.body.toString() ?? 'null');
      expect(body.id, event.name).toBeDefined();
      expect(body).not.toHaveProperty('event_type');
      const expected = event.name === 'link_swap' ? ['links', 'recipient'] : (SHAPES[event.resource] ?? []);
      for (const field of expected) expect(body, `${event.name}.${field}`).toHaveProperty(field);
    }
  });

  it('prints the status and time; without --token prints the generated one; --count sends fresh samples', async () => {
    const target = await recordingServer();
    const result = await runCli(['trigger', 'person_updated', '--to', target.url, '--count', '2']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^#1 person_updated -> 200 in \d+ ms "ok"\n#2 person_updated -> 200 in \d+ ms "ok"\n$/,
    );
    const token =
      /new token \(configure your handler with it\): ([0-9a-f]{64})/.exec(result.stderr)?.[1] ?? '';
    const [first, second] = target.received;
    expect(first?.headers['x-salesloft-signature']).toBe(hmacSha1(first?.body ?? Buffer.alloc(0), token));
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
    expect(parseJson(result)).toEqual({ deliveries: [{ status: 200, ms: expect.any(Number) }] });
    expect(target.received[0]?.body.toString()).toBe('{ "id": 1,\n  "subject": "spacing kept" }\n');
  });

  it('a non-2xx answer exits 1 with the status shown', async () => {
    const target = await recordingServer(() => 401);
    const result = await runCli(['trigger', 'note_created', '--to', target.url, '--token', 'k']);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/-> 401/);
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
    const result = await runCli(['trigger', 'person_update', '--to', 'http://127.0.0.1:9']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Unknown event type "person_update"\. Did you mean person_updated/);
  });
});

describe('replay', () => {
  async function recordSome(): Promise<{ record: string; token: string }> {
    const emu = await emulator();
    const record = join(tempDir(), 'deliveries.jsonl');
    const token = 'listen-session-token';
    const cli = startCli(
      [
        'listen',
        '--tunnel',
        'none',
        '--event',
        'person_*',
        '--token',
        token,
        '--max-deliveries',
        '2',
        '--record',
        record,
      ],
      { SALESLOFT_API_URL: emu.url, SALESLOFT_API_KEY: 'k' },
    );
    await cli.waitFor(/Ready:/);
    emu.fire('person_created');
    emu.fire('person_updated');
    expect(await cli.exited).toBe(0);
    return { record, token };
  }

  it('re-sends a recorded delivery with identical bytes and headers', async () => {
    const { record, token } = await recordSome();
    const recorded = readFileSync(record, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    const target = await recordingServer();
    const result = await runCli([
      'replay',
      String(recorded[1].id),
      '--from',
      record,
      '--to',
      `${target.url}/again`,
      '--json',
    ]);
    expect(result.code).toBe(0);
    expect(parseJson(result)).toEqual({
      deliveries: [{ id: recorded[1].id, status: 200, ms: expect.any(Number) }],
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
