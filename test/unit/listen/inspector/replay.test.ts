import { describe, expect, it } from 'vitest';
import { inspectedFrom } from '../../../../src/listen/inspector/record.js';
import { storeReplayer } from '../../../../src/listen/inspector/replay.js';
import { InspectorStore } from '../../../../src/listen/inspector/store.js';
import { hmacHex } from '../../../support/hmac.js';
import { recordingServer } from '../../../support/receiver.js';

function store(valid: boolean) {
  const instance = new InspectorStore();
  const body = Buffer.from('{"id":1}');
  instance.put(1, () =>
    inspectedFrom(
      {
        id: 1,
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
      },
      'tok',
      undefined,
    ),
  );
  return instance;
}

describe('replaying from the inspector', () => {
  it('re-signs the exact bytes with the session token and marks the replay', async () => {
    const target = await recordingServer();
    const answer = await storeReplayer(store(true), 'tok', target.url)(1, undefined, false);
    expect(answer).toMatchObject({ ok: true, status: 200 });
    const sent = target.received[0];
    expect(sent?.body.toString()).toBe('{"id":1}');
    expect(sent?.headers['x-salesloft-signature']).toBe(hmacHex('{"id":1}', 'tok'));
    expect(sent?.headers['x-salesloft-hooks-replay-of']).toBe('1');
    expect(sent?.headers.host).not.toBe('h');
  });

  it('an invalid delivery is replayed only when confirmed; no target or no delivery is said plainly', async () => {
    const target = await recordingServer();
    const replay = storeReplayer(store(false), 'tok', target.url);
    expect(await replay(1, undefined, false)).toMatchObject({ ok: false, status: 409 });
    expect(target.received).toHaveLength(0);
    expect(await replay(1, undefined, true)).toMatchObject({ ok: true, status: 200 });
    expect(await replay(2, undefined, true)).toMatchObject({ ok: false, status: 404 });
    expect(await storeReplayer(store(true), 'tok', undefined)(1, undefined, false)).toMatchObject({
      status: 400,
    });
  });
});
