import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { wrapPlain } from '../../../src/cli/wrap-plain.js';

const wrapAnsi = createRequire(import.meta.url)('wrap-ansi') as (
  text: string,
  columns: number,
  options: { hard: boolean },
) => string;

describe('wrapPlain', () => {
  it('wraps printable ASCII exactly as wrap-ansi does with { hard: true }', () => {
    let seed = 11;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const alphabet = 'abcdefghij  KLMNO--./:<>[]=|  \n0123456789';
    const samples = [
      '',
      ' ',
      '   leading and trailing   ',
      'a\n\nb',
      'Subscribe a callback URL to event types: one subscription per event, all or nothing.',
      'https://example.com/a/very/long/url/that/is/longer/than/the/column/width/for/sure',
      'word  with  double  spaces',
    ];
    for (let n = 0; n < 3000; n++) {
      let text = '';
      const length = next(120);
      for (let i = 0; i < length; i++) text += alphabet[next(alphabet.length)];
      samples.push(text);
    }
    for (const text of samples) {
      for (const columns of [1, 2, 5, 9, 20, 33, 60, 80]) {
        expect(wrapPlain(text, columns), `${JSON.stringify(text)} at ${columns}`).toBe(
          wrapAnsi(text, columns, { hard: true }),
        );
      }
    }
  });

  it('leaves anything but printable ASCII to wrap-ansi', () => {
    for (const text of ['\u001b[33mcolour\u001b[39m', 'café', 'tab\there', 'crlf\r\n']) {
      expect(wrapPlain(text, 20)).toBeUndefined();
    }
  });
});
