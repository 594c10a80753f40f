import { describe, expect, it } from 'vitest';
import { EVENT_TYPES } from '../../../packages/webhooks/src/catalog/event-types.js';
import { railsJson } from '../../../packages/webhooks/src/samples/rails-json.js';
import { catchesReserialising, railsSample } from '../../../src/doctor/rails-json.js';

describe('railsJson', () => {
  it('writes what ActiveSupport writes: \\u0026, \\u003c, \\u003e inside strings, other letters as they are, and parses back to the same value', () => {
    const value = {
      company: 'Johnson & Lee <EMEA>',
      url: 'https://a.example/b',
      n: 2,
      line: '\u2028',
      name: 'Zoë',
    };
    const text = railsJson(value);
    expect(text).toBe(
      '{"company":"Johnson \\u0026 Lee \\u003cEMEA\\u003e","url":"https://a.example/b","n":2,"line":"\\u2028","name":"Zoë"}',
    );
    expect(JSON.parse(text)).toEqual(value);
  });

  it('makes the samples change bytes when a handler re-serialises them, but for the resources that carry no free text (doctor warns)', () => {
    const survivors = EVENT_TYPES.map(({ name }) => name).filter((name) => !catchesReserialising(name));
    expect(survivors).toEqual([
      'cadence_membership_created',
      'cadence_membership_updated',
      'call_created',
      'call_data_record_created',
      'call_data_record_updated',
      'call_updated',
      'conversation_created',
      'conversation_recording_created',
      'conversation_transcript_created',
      'email_updated',
      'success_created',
    ]);
  });

  it('makes a fresh sample each time: a new resource id, the same event type', () => {
    const [first, second] = [railsSample('person_updated'), railsSample('person_updated')].map(
      (body) => JSON.parse(body.toString()) as { id: number },
    );
    expect(first?.id).not.toBe(second?.id);
  });
});
