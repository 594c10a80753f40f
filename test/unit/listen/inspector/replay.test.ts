import { describe, expect, it } from 'vitest';
import { curlCommand, entryFrom } from '../../../../src/listen/inspector/record.js';
import { storeReplayer } from '../../../../src/listen/inspector/replay.js';
import { InspectorStore } from '../../../../src/listen/inspector/store.js';
import { hmacHex } from '../../../support/hmac.js';
import { recordingServer } from '../../../support/receiver.js';

function facts(body: Buffer, valid: boolean, id = 1) {
  return {
    id,
    received_at: '2026-11-28T00:00:00Z',
    event_type: 'person_updated',
    path: '/salesloft-hooks/x',
    headers: {
      'content-type': 'application/json',
      'x-salesloft-event': 'person_updated',
      'x-salesloft-signature': 'bad',
      host: 'h',
    },
    body,
    signature: { valid, reason: valid ? null : 'mismatch' },
  };
}

function store(valid: boolean) {
  const instance = new InspectorStore();
  instance.put(entryFrom('1', facts(Buffer.from('{"id":1}'), valid), 'tok'));
  return instance;
}

describe('replaying from the inspector', () => {
  it('re-signs the exact bytes with the session token, marks the replay, and is a row with its answer', async () => {
    const target = await recordingServer();
    const replays = store(true);
    const answer = await storeReplayer(replays, 'tok', { url: target.url, isReceiver: false })(
      '1',
      undefined,
      false,
    );
    expect(answer).toMatchObject({ ok: true, status: 200, key: 'r1' });
    const sent = target.received[0];
    expect(sent?.body.toString()).toBe('{"id":1}');
    expect(sent?.headers['x-salesloft-signature']).toBe(hmacHex('{"id":1}', 'tok'));
    expect(sent?.headers['x-salesloft-hooks-replay-of']).toBe('1');
    expect(sent?.headers.host).not.toBe('h');
    const row = replays.get('r1')?.row;
    expect(row).toMatchObject({ replay_of: 1, forward: { status: 200 }, target: target.url });
  });

  it('to the session’s own receiver it makes no row of its own (the receiver’s delivery is the row)', async () => {
    const target = await recordingServer();
    const replays = store(true);
    await storeReplayer(replays, 'tok', { url: target.url, isReceiver: true })('1', undefined, false);
    expect(replays.keys()).toEqual(['1']);
  });

  it('an invalid delivery is replayed only when confirmed; no target or no delivery is said plainly', async () => {
    const target = await recordingServer();
    const replay = storeReplayer(store(false), 'tok', { url: target.url, isReceiver: false });
    expect(await replay('1', undefined, false)).toMatchObject({ ok: false, status: 409 });
    expect(target.received).toHaveLength(0);
    expect(await replay('1', undefined, true)).toMatchObject({ ok: true, status: 200 });
    expect(await replay('2', undefined, true)).toMatchObject({ ok: false, status: 404 });
    expect(await storeReplayer(store(true), 'tok', undefined)('1', undefined, false)).toMatchObject({
      status: 400,
    });
  });
});

describe('the store', () => {
  it('keeps the newest deliveries within its byte budget, and only a prefix of a large forgery', () => {
    const bounded = new InspectorStore(3 * 1024 * 1024);
    const big = Buffer.alloc(1024 * 1024, 'a');
    for (let id = 1; id <= 10; id++) bounded.put(entryFrom(String(id), facts(big, true, id), 'tok'));
    expect(bounded.usedBytes).toBeLessThanOrEqual(3 * 1024 * 1024);
    expect(bounded.keys()).toEqual(['10', '9']);
    const forged = entryFrom('11', facts(big, false, 11), 'tok');
    expect(forged.body.length).toBeLessThan(1024);
    expect(forged.row).toMatchObject({ body_kept: 'prefix', size: big.length });
    expect(forged.row.signature.hint).toContain('not diagnosed');
  });

  it('hands a reconnecting page what it missed, or says to reload when that is gone', () => {
    const events = new InspectorStore();
    events.watch(() => {});
    events.put(entryFrom('1', facts(Buffer.from('{}'), true), 'tok'));
    const seen = events.lastSeq;
    events.put(entryFrom('2', facts(Buffer.from('{}'), true, 2), 'tok'));
    expect(events.since(seen)?.map((event) => (event.type === 'row' ? event.key : 'clear'))).toEqual(['2']);
    for (let id = 3; id < 2_100; id++)
      events.put(entryFrom(String(id), facts(Buffer.from('{}'), true, id), 'tok'));
    expect(events.since(seen)).toBeUndefined();
    // While no page watches, nothing is kept: a page that comes back reloads its list.
    const quiet = new InspectorStore();
    quiet.put(entryFrom('1', facts(Buffer.from('{}'), true), 'tok'));
    expect(quiet.since(0)).toBeUndefined();
  });
});

describe('copy as curl', () => {
  it('holds no control or non-ASCII byte, and no @file, whatever the body', () => {
    const body = Buffer.from('@/etc/passwd\u001b[201~; rm -rf ~ \u202e é');
    const entry = entryFrom('1', { ...facts(body, true), event_type: "x'\u001b]0;owned\u0007" }, 'tok');
    const text = curlCommand(entry, 'http://127.0.0.1:3000/hooks', 'tok');
    for (const char of text) {
      const code = char.charCodeAt(0);
      expect(code === 10 || (code >= 0x20 && code < 0x7f), `byte ${code}`).toBe(true);
    }
    expect(text).toContain('--data-binary @-');
    expect(text).not.toContain('/etc/passwd');
  });
});
