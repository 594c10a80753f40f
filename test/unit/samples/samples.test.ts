import { describe, expect, it } from 'vitest';
import { EVENT_TYPES } from '../../../packages/webhooks/src/catalog/event-types.js';
import { createSampler } from '../../../packages/webhooks/src/samples/index.js';

describe('sample payloads', () => {
  it('exist for each of the 37 event types, as JSON objects with an id (link_swap: its links)', () => {
    const sample = createSampler({ seed: 1 });
    for (const event of EVENT_TYPES) {
      const body = sample(event.name);
      if (event.name === 'link_swap') expect(body.links, event.name).toEqual(expect.any(Array));
      else expect(body.id, event.name).toBeDefined();
      expect(JSON.parse(JSON.stringify(body))).toEqual(body);
    }
  });

  it('write timestamps as Salesloft does: microseconds and the team’s offset, never Z', () => {
    const sample = createSampler({ seed: 3 });
    for (const event of EVENT_TYPES) {
      const body = sample(event.name);
      if (typeof body.updated_at !== 'string') continue;
      expect(body.updated_at, event.name).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}-05:00$/);
    }
  });

  it('a created record was last updated when it was created; an updated or deleted one was created earlier and updated now', () => {
    const at = new Date('2026-03-02T10:00:00Z');
    const sample = createSampler({ seed: 4, now: () => at });
    const created = sample('person_created');
    expect(created.created_at).toBe(created.updated_at);
    for (const name of ['person_updated', 'person_deleted', 'task_deleted']) {
      const body = sample(name);
      expect(Date.parse(String(body.updated_at)), name).toBe(at.getTime());
      expect(Date.parse(String(body.created_at)), name).toBeLessThan(at.getTime());
    }
  });

  it('hold values from Salesloft’s own sets, and the link_swap shape of the Link Swapping guide', () => {
    const sample = createSampler({ seed: 5 });
    for (let round = 0; round < 20; round++) {
      expect(['sent', 'sent_from_gmail', 'scheduled', 'failed']).toContain(sample('email_updated').status);
      expect(['internal', 'external']).toContain(sample('meeting_booked').event_source);
      expect(sample('cadence_membership_updated').current_state).not.toBe('paused');
    }
    expect(sample('account_updated').counts).toEqual({ people: null });
    expect(sample('note_created')).toMatchObject({
      associated_type: expect.stringMatching(/^(person|account)$/),
      associated_with: { id: expect.any(Number), _href: expect.any(String) },
    });
    expect(sample('task_completed')).toMatchObject({ completed_by: { id: expect.any(Number) } });
    expect(sample('task_completed')).not.toHaveProperty('completed_by_user');
    expect(sample('bulk_job_completed')).toMatchObject({ state: 'done', errors: expect.any(Number) });
    expect(sample('link_swap')).toEqual({
      user: { id: expect.any(Number), email: expect.any(String) },
      team: { id: expect.any(Number) },
      mailing: { id: expect.any(Number) },
      email: { id: expect.any(Number) },
      person: { id: expect.any(Number), email: expect.any(String) },
      links: [expect.stringMatching(/^https:\/\//), expect.stringMatching(/^https:\/\//)],
    });
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
      completed_by: null,
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

describe('mergeOnto (what Emulator.fire lays over a sample)', () => {
  it('merges objects key by key at any depth; a value, an array or null replaces; the inputs stay as they were', async () => {
    const { mergeOnto } = await import('../../../packages/webhooks/src/samples/merge.js');
    const sample = { id: 1, counts: { calls: 0, emails: 2 }, tags: ['a'], owner: { id: 9 } };
    const data = { counts: { calls: 3 }, tags: ['b'], owner: null, extra: 'x' };
    expect(mergeOnto(sample, data)).toEqual({
      id: 1,
      counts: { calls: 3, emails: 2 },
      tags: ['b'],
      owner: null,
      extra: 'x',
    });
    expect(sample.counts.calls).toBe(0);
    const hostile = mergeOnto({}, JSON.parse('{"__proto__":{"polluted":true}}')) as Record<string, unknown>;
    expect(Object.keys(hostile)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
