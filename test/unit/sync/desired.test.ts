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

  it('all leaves link_swap out; naming it declares it, with the synchronous-hook warning at its line', () => {
    const file = (events: string) =>
      `subscriptions:\n  - url: https://a.example.com/x\n    token: abc\n    events: [${events}]\n`;
    const all = parseDesiredState(file('all'), 'hooks.yaml', () => undefined);
    expect(all.subscriptions.map((sub) => sub.event_type)).toHaveLength(36);
    expect(all.subscriptions.map((sub) => sub.event_type)).not.toContain('link_swap');
    expect(all.warnings).toEqual([]);
    const named = parseDesiredState(file('link_swap'), 'hooks.yaml', () => undefined);
    expect(named.subscriptions.map((sub) => sub.event_type)).toEqual(['link_swap']);
    expect(named.warnings).toEqual([
      "hooks.yaml:2: link_swap is a synchronous hook: every email your team sends will wait for this endpoint's answer before it goes out, for as long as the subscription lives.",
    ]);
  });
});
