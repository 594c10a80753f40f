import { describe, expect, it } from 'vitest';
import { parseDesiredState } from '../../../src/sync/desired.js';

describe('sync file validation', () => {
  it('refuses anchors, aliases and merge keys with one clear message and a line', () => {
    const merge = [
      'subscriptions:',
      '  - &first',
      '    url: https://a.example.com/x',
      '    token: abc',
      '    events: [person_updated]',
      '  - <<: *first',
      '    url: https://b.example.com/x',
    ].join('\n');
    expect(() => parseDesiredState(merge, 'hooks.yaml', () => undefined)).toThrow(
      /^hooks\.yaml:3: anchors, aliases and merge keys \(&, \*, <<\) are not supported here/,
    );
  });

  it('reads a plain file', () => {
    const text =
      'subscriptions:\n  - url: https://a.example.com/x\n    token: "0123"\n    events: [person_updated]\n';
    expect(parseDesiredState(text, 'hooks.yaml', () => undefined).subscriptions).toEqual([
      {
        callback_url: 'https://a.example.com/x',
        event_type: 'person_updated',
        callback_token: '0123',
        enabled: true,
        line: 2,
      },
    ]);
  });
});
