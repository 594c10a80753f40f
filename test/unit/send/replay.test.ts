import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type RecordedDelivery, readRecording } from '../../../src/listen/recording-file.js';
import { pickDeliveries } from '../../../src/send/replay.js';
import { tempDir } from '../../support/cli.js';

function recorded(id: number, session_id?: string): RecordedDelivery {
  return {
    v: 1,
    ...(session_id === undefined ? {} : { session_id }),
    id,
    received_at: '2026-11-28T00:00:00Z',
    event_type: 'person_updated',
    path: '/',
    headers: {},
    body_base64: Buffer.from('{}').toString('base64'),
    signature: { valid: true, reason: null },
  };
}

describe('reading a recording', () => {
  it('skips a last line cut short by a killed session, and refuses a file with no good line', async () => {
    const file = join(tempDir(), 'r.jsonl');
    writeFileSync(file, `${JSON.stringify(recorded(1))}\n{"v":1,"id":2,"body_ba`);
    expect(await readRecording(file)).toEqual({ deliveries: [recorded(1)], damaged: [], truncatedLine: 2 });
    writeFileSync(file, `{"v":1,"id\n{"v":1,"id":3}\n`);
    await expect(readRecording(file)).rejects.toThrow(
      /r\.jsonl:1 is not a line written by `listen --record` \(not JSON\)/,
    );
  });

  it('a line missing fields is named by file:line, and the good lines stay usable', async () => {
    const file = join(tempDir(), 'r.jsonl');
    const { headers: _headers, ...noHeaders } = recorded(2);
    writeFileSync(
      file,
      `${JSON.stringify(recorded(1))}\n${JSON.stringify(noHeaders)}\n${JSON.stringify(recorded(3))}\n`,
    );
    const recording = await readRecording(file);
    expect(recording.deliveries.map((delivery) => delivery.id)).toEqual([1, 3]);
    expect(recording.damaged).toEqual([{ line: 2, id: 2, problem: 'missing or wrong: headers' }]);
    expect(pickDeliveries(recording, '3', file)).toEqual([recorded(3)]);
    expect(() => pickDeliveries(recording, '2', file)).toThrow(
      `${file}:2: delivery 2 is not a complete recorded delivery (missing or wrong: headers).`,
    );
  });

  it('ids shared by two sessions are ambiguous unless prefixed with the session', () => {
    const recording = {
      deliveries: [recorded(1, 'aaa'), recorded(2, 'aaa'), recorded(1, 'bbb')],
      damaged: [],
    };
    expect(() => pickDeliveries(recording, '1', 'r.jsonl')).toThrow(
      'Delivery 1 is in 2 sessions of this recording: pass aaa:1 or bbb:1.',
    );
    expect(pickDeliveries(recording, 'bbb:1', 'r.jsonl')).toEqual([recorded(1, 'bbb')]);
    expect(pickDeliveries(recording, '2', 'r.jsonl')).toEqual([recorded(2, 'aaa')]);
    expect(() => pickDeliveries(recording, 'ccc:1', 'r.jsonl')).toThrow(/No delivery ccc:1/);
  });
});
