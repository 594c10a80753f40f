import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RecordedDelivery } from '../../../src/listen/recorder.js';
import { pickDeliveries, readRecording } from '../../../src/send/replay.js';
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
  it('skips a last line cut short by a killed session, and refuses a bad line elsewhere', async () => {
    const file = join(tempDir(), 'r.jsonl');
    writeFileSync(file, `${JSON.stringify(recorded(1))}\n{"v":1,"id":2,"body_ba`);
    expect(await readRecording(file)).toEqual({ deliveries: [recorded(1)], truncatedLine: 2 });
    writeFileSync(file, `{"v":1,"id\n${JSON.stringify(recorded(1))}\n`);
    await expect(readRecording(file)).rejects.toThrow(
      /r\.jsonl:1 is not a line written by `listen --record`/,
    );
  });

  it('ids shared by two sessions are ambiguous unless prefixed with the session', () => {
    const lines = [recorded(1, 'aaa'), recorded(2, 'aaa'), recorded(1, 'bbb')];
    expect(() => pickDeliveries(lines, '1')).toThrow(
      'Delivery 1 is in 2 sessions of this recording: pass aaa:1 or bbb:1.',
    );
    expect(pickDeliveries(lines, 'bbb:1')).toEqual([recorded(1, 'bbb')]);
    expect(pickDeliveries(lines, '2')).toEqual([recorded(2, 'aaa')]);
    expect(() => pickDeliveries(lines, 'ccc:1')).toThrow(/No delivery ccc:1/);
  });
});
