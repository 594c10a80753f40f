import { describe, expect, it } from 'vitest';
import { EVENT_TYPES } from '../../../src/catalog/event-types.js';
import { createSampler } from '../../../src/samples/index.js';

describe('sample payloads', () => {
  it('exist for each of the 37 event types, as JSON objects with an id', () => {
    const sample = createSampler({ seed: 1 });
    for (const event of EVENT_TYPES) {
      const body = sample(event.name);
      expect(body.id, event.name).toBeDefined();
      expect(JSON.parse(JSON.stringify(body))).toEqual(body);
    }
  });

  it('look like the REST resource they mirror', () => {
    const sample = createSampler({ seed: 2 });
    expect(sample('person_created')).toMatchObject({
      first_name: expect.any(String),
      last_name: expect.any(String),
      email_address: expect.stringMatching(/@/),
      account: { id: expect.any(Number), _href: expect.stringMatching(/\/v2\/accounts\/\d+$/) },
    });
    expect(sample('task_updated')).toMatchObject({
      subject: expect.any(String),
      task_type: expect.stringMatching(/^(call|email|general)$/),
      current_state: 'scheduled',
      due_date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      person: { id: expect.any(Number), _href: expect.any(String) },
      user: { id: expect.any(Number), _href: expect.any(String) },
    });
    expect(sample('task_completed')).toMatchObject({
      current_state: 'completed',
      completed_at: expect.any(String),
    });
    expect(sample('email_updated')).toMatchObject({
      status: expect.any(String),
      counts: { views: expect.any(Number) },
    });
    expect(sample('email_with_body_and_subject_updated')).toMatchObject({
      subject: expect.any(String),
      body: expect.any(String),
    });
    expect(sample('cadence_created')).toMatchObject({ name: expect.any(String) });
    expect(sample('meeting_booked')).toMatchObject({ status: 'booked', start_time: expect.any(String) });
  });

  it('are fresh per call and reproducible under a seed', () => {
    const a = createSampler({ seed: 42 });
    const b = createSampler({ seed: 42 });
    const first = a('person_updated');
    const second = a('person_updated');
    expect(second.id).not.toBe(first.id);
    expect(second.updated_at).not.toBe(first.updated_at);
    expect(b('person_updated')).toEqual(first);
    expect(b('person_updated')).toEqual(second);
    expect(createSampler({ seed: 43 })('person_updated')).not.toEqual(first);
  });
});
