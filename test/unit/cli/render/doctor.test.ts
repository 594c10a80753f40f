import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { doctorHeader, doctorLine } from '../../../../src/cli/render/doctor.js';
import type { DoctorCheck } from '../../../../src/doctor/run.js';

const plain = new Chalk({ level: 0 });
const failed: DoctorCheck = {
  name: 'wrong signature',
  result: 'fail',
  expected: '401 or 403',
  status: 200,
  ms: 3,
  note: 'the handler accepts forgeries: anyone can post fake events to it',
  sent: 'a fresh sample signed with another token',
  excerpt: `{"ok":true,"message":"${'accepted '.repeat(20)}"}`,
};

describe('doctor’s scorecard', () => {
  it.each([60, 80, 120])(
    'fits %i columns: a compact row, then the note and what was sent, indented',
    (width) => {
      const lines = [doctorHeader(plain), ...doctorLine(failed, plain, width).split('\n')];
      for (const line of lines) expect(line.length).toBeLessThanOrEqual(width);
      expect(lines[1]).toMatch(/^FAIL {2}wrong signature +401 or 403 +200 in 3 ms( "\{.*)?$/);
      if (width >= 80) expect(lines[1]).toContain('"{\\"ok\\":true');
      expect(lines.slice(2).every((line) => line.startsWith('      '))).toBe(true);
      expect(lines.slice(2).join(' ').replace(/\s+/g, ' ')).toContain(
        'the handler accepts forgeries: anyone can post fake events to it sent a fresh sample signed with another token; expected 401 or 403',
      );
    },
  );

  it('keeps a passing check to its row', () => {
    expect(doctorLine({ ...failed, result: 'pass', note: '', excerpt: '' }, plain, 80)).toBe(
      'pass  wrong signature             401 or 403   200 in 3 ms',
    );
  });
});
