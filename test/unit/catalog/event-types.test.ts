import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EVENT_TYPES } from '../../../packages/webhooks/src/catalog/event-types.js';
import {
  defaultListenEvents,
  matchEvents,
  synchronousWarning,
  unknownEventsWarning,
} from '../../../src/catalog/patterns.js';
import { UsageError } from '../../../src/shared/errors.js';

// The reference AsyncAPI text (a copy of shared/reference/) names each event type once as `name: <event>` under its message.
function asyncApiEventNames(): string[] {
  const text = readFileSync(
    new URL('../../fixtures/salesloft-webhooks-asyncapi.txt', import.meta.url),
    'utf8',
  );
  return [...text.matchAll(/^name: ([a-z_]+)$/gm)].map((match) => match[1] ?? '').sort();
}

describe('catalog', () => {
  it('holds exactly the 37 event types of the reference AsyncAPI text, sorted by name', () => {
    const names = EVENT_TYPES.map((event) => event.name);
    expect(names).toHaveLength(37);
    expect(names).toEqual([...names].sort());
    expect(names).toEqual(asyncApiEventNames());
  });

  it('gives each event its resource, action and the scopes of the facts sheet', () => {
    const byName = new Map(EVENT_TYPES.map((event) => [event.name, event]));
    expect(byName.get('person_updated')).toMatchObject({
      resource: 'person',
      action: 'updated',
      scopes: ['people:read'],
    });
    expect(byName.get('cadence_membership_created')?.resource).toBe('cadence_membership');
    expect(byName.get('bulk_job_completed')?.scopes).toEqual([]);
    expect(byName.get('email_with_body_and_subject_updated')?.scopes).toEqual(['email_contents:read']);
    expect(byName.get('success_created')?.scopes).toEqual(['people:read']);
    expect(byName.get('step_deleted')?.scopes).toEqual(['cadences:read']);
    expect(byName.get('user_created')?.scopes).toEqual(['team:read']);
    for (const event of EVENT_TYPES) expect(event.description.length).toBeGreaterThan(10);
  });

  it('marks link_swap as the one synchronous hook and the email_contents:read type as privileged', () => {
    expect(EVENT_TYPES.filter((event) => event.synchronous).map((event) => event.name)).toEqual([
      'link_swap',
    ]);
    expect(EVENT_TYPES.filter((event) => event.privileged).map((event) => event.name)).toEqual([
      'email_with_body_and_subject_updated',
    ]);
  });
});

describe('event patterns', () => {
  it('matches exact names, globs, all, comma lists and repeats, without duplicates', () => {
    expect(matchEvents(['person_updated']).events).toEqual(['person_updated']);
    expect(matchEvents(['person_*']).events).toEqual(['person_created', 'person_deleted', 'person_updated']);
    expect(matchEvents(['*_deleted']).events).toEqual(
      ['account', 'cadence', 'note', 'person', 'step', 'task'].map((resource) => `${resource}_deleted`),
    );
    expect(matchEvents(['all']).events).toHaveLength(36);
    expect(matchEvents(['person_updated,task_*', 'person_*']).events).toEqual([
      'person_created',
      'person_deleted',
      'person_updated',
      'task_completed',
      'task_created',
      'task_deleted',
      'task_updated',
    ]);
  });

  it('accepts a name outside the catalog and reports it for a warning', () => {
    const match = matchEvents(['person_merged', 'person_updated']);
    expect(match.events).toEqual(['person_updated', 'person_merged']);
    expect(match.unknown).toEqual(['person_merged']);
    expect(unknownEventsWarning(match.unknown)).toMatch(/person_merged is not in the catalog/);
    expect(unknownEventsWarning([])).toBeUndefined();
  });

  it('refuses a glob that matches nothing, and names that cannot be event types, as usage errors', () => {
    expect(() => matchEvents(['opportunity_*'])).toThrow(UsageError);
    expect(() => matchEvents(['opportunity_*'])).toThrow(/matches no event type/);
    expect(() => matchEvents(['Person Updated'])).toThrow(UsageError);
  });

  it('all, * and globs leave out link_swap; its exact name selects it, and only list and trigger reach it by glob', () => {
    for (const pattern of ['all', '*', '*_*', 'email_*,*', '*e*']) {
      expect(matchEvents(['person_updated', pattern]).events, pattern).not.toContain('link_swap');
    }
    expect(matchEvents(['all']).events).toContain('email_with_body_and_subject_updated');
    expect(matchEvents(['link_swap']).events).toEqual(['link_swap']);
    expect(matchEvents(['all', 'link_swap']).events).toHaveLength(37);
    expect(() => matchEvents(['*_swap'])).toThrow(/matches only link_swap/);
    expect(() => matchEvents(['link_*'])).toThrow(
      'Event pattern "link_*" matches only link_swap, a synchronous hook that only its exact name selects.',
    );
    expect(matchEvents(['all'], { globsReachSynchronous: true }).events).toHaveLength(37);
    expect(matchEvents(['link_*'], { globsReachSynchronous: true }).events).toEqual(['link_swap']);
  });

  it('listen’s default set is the 35 types that are neither synchronous nor privileged', () => {
    const events = defaultListenEvents();
    expect(events).toHaveLength(35);
    expect(events).not.toContain('link_swap');
    expect(events).not.toContain('email_with_body_and_subject_updated');
  });

  it('warns once before a synchronous hook is subscribed, and says nothing otherwise', () => {
    expect(synchronousWarning(['person_updated', 'link_swap'])).toBe(
      "link_swap is a synchronous hook: every email your team sends will wait for this endpoint's answer before it goes out, for as long as the subscription lives.",
    );
    expect(synchronousWarning(matchEvents(['all']).events)).toBeUndefined();
  });

  it('a glob is anchored at both ends', () => {
    expect(matchEvents(['call_*']).events).toEqual([
      'call_created',
      'call_data_record_created',
      'call_data_record_updated',
      'call_updated',
    ]);
    expect(matchEvents(['*_created']).events).not.toContain('link_swap');
  });
});
