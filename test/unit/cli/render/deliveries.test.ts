import { describe, expect, it } from 'vitest';
import { deliveryJson, parseBody } from '../../../../src/cli/render/deliveries.js';
import type { Delivery } from '../../../../src/listen/delivery.js';
import { hasRawControl } from '../../../support/controls.js';

function delivery(body: string, eventType: string | null = 'person_updated'): Delivery {
  return {
    id: 7,
    received_at: '2026-11-27T10:00:00.000Z',
    path: '/salesloft-hooks/abc',
    event_type: eventType,
    headers: {},
    body: Buffer.from(body),
    signature: { valid: true, reason: null },
    forward: null,
    status: 200,
  };
}

describe('the --json line', () => {
  it('is one line of JSON whose body is the parsed body, whatever the body looks like', () => {
    for (const body of [
      '{"id":1}',
      ' { "id" : 1, "x": "a\\u2028b" } ',
      '{\n  "id": 1\n}',
      '[1,2]',
      '"text"',
      'not json',
      '',
    ]) {
      const d = delivery(body);
      const line = deliveryJson(d, parseBody(d.body));
      expect(line).not.toMatch(/[\n\r]/);
      expect(JSON.parse(line).body).toEqual(parseBody(d.body));
    }
  });

  it('keeps a deeply nested body that holds line breaks (serialising it again would overflow the stack)', () => {
    const depth = 100_000;
    const text = `{"deep":\n${'['.repeat(depth)}${']'.repeat(depth)},\r\n"text":"a\\nb"}`;
    const d = delivery(text);
    const line = deliveryJson(d, parseBody(d.body));
    expect(line).not.toMatch(/[\n\r]/);
    const parsed = JSON.parse(line);
    expect(parsed.body.text).toBe('a\nb');
    expect(Array.isArray(parsed.body.deep)).toBe(true);
  });

  it('cannot be confused by an event type that looks like the body placeholder', () => {
    const d = delivery('{"id":2}', '@@body@@');
    const parsed = JSON.parse(deliveryJson(d, parseBody(d.body)));
    expect(parsed.event_type).toBe('@@body@@');
    expect(parsed.body).toEqual({ id: 2 });
  });
});

describe('the human line with hostile CRM data', async () => {
  const { Chalk } = await import('chalk');
  const { deliveryLine, forwardLine } = await import('../../../../src/cli/render/deliveries.js');
  const plain = new Chalk({ level: 0 });

  it('escapes controls in the id, summary and event type, and cuts a huge id', () => {
    const body = {
      id: `1\u001b[2J${'9'.repeat(500)}`,
      first_name: 'Ada\r00:00:00  #9  person_updated  1  forged  verified\n',
      last_name: '\u202eecalevoL',
      email_address: 'ada@example.com\u001b]8;;https://evil.example/\u0007click\u001b]8;;\u0007',
    };
    const line = deliveryLine(delivery(JSON.stringify(body)), body, undefined, plain);
    expect(hasRawControl(line)).toBe(false);
    expect(line).not.toContain('\n');
    expect(line).toContain('\\x1b[2J');
    expect(line).toContain('\\x0d00:00:00');
    expect(line).toContain('\\u202eecalevoL');
    expect(line.length).toBeLessThan(400);
    const odd = { ...delivery('{}'), event_type: 'person_updated\u001b[31m' };
    expect(deliveryLine(odd, {}, undefined, plain)).toContain('person_updated\\x1b[31m');
  });

  it('escapes the forward target’s answer', () => {
    const d = {
      ...delivery('{}'),
      forward: { status: 500, ms: 3, error: null, excerpt: 'oops\u009b2J\u202e' },
    };
    expect(forwardLine(d, plain)).toMatch(/<-- 500 3 ms "oops\\x9b2J\\u202e"$/);
  });
});

describe('listen --body and --headers', async () => {
  const { Chalk } = await import('chalk');
  const { bodyLines, headerLines } = await import('../../../../src/cli/render/deliveries.js');
  const plain = new Chalk({ level: 0 });

  it('prints the body as indented JSON under the line, escaped, long strings cut', () => {
    const body = { id: 7, name: 'Ada\u001b[2J', tags: ['a'], nested: { note: 'x'.repeat(500) }, empty: {} };
    const d = delivery(JSON.stringify(body));
    const lines = bodyLines(d, body, plain);
    expect(lines.slice(0, 4)).toEqual([
      '    {',
      '      "id": 7,',
      '      "name": "Ada\\u001b[2J",',
      '      "tags": [',
    ]);
    expect(lines.every((line) => !hasRawControl(line) && line.startsWith('    '))).toBe(true);
    const note = lines.find((line) => line.includes('"note"')) ?? '';
    expect(note.length).toBeLessThan(260);
    expect(note.endsWith('…')).toBe(true);
    expect(lines.at(-1)).toBe('    }');
  });

  it('prints headers one per line, escaped; a body that is not JSON as text', () => {
    const d = { ...delivery('not json\u009b'), headers: { 'x-salesloft-event': 'person_updated\r' } };
    expect(headerLines(d, plain)).toEqual(['    x-salesloft-event: person_updated\\x0d']);
    expect(bodyLines(d, null, plain)).toEqual(['    not json\\x9b']);
  });
});
