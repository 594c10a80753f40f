import { describe, expect, it } from 'vitest';
import type { Subscription } from '../../../packages/webhooks/src/salesloft/types.js';
import { parseDesiredState } from '../../../src/sync/desired.js';
import { planJson, planSync } from '../../../src/sync/plan.js';

const FILE = `subscriptions:
  - url: https://hooks.example.com/a
    token: tok-a
    events: [person_updated, task_created]
  - url: https://hooks.example.com/b
    token: tok-b
    events: [note_created]
    enabled: false
`;
const desired = parseDesiredState(FILE, 'hooks.yaml', () => undefined);

let nextId = 1;
function sub(callback_url: string, event_type: string, callback_token: string, enabled = true): Subscription {
  return { id: nextId++, callback_url, event_type, callback_token, enabled, tenant_id: 1, user_guid: 'u' };
}

describe('planSync', () => {
  it('creates what is missing, and is empty once the team matches', () => {
    const creates = planSync(desired, [], 'none');
    expect(creates.map((step) => [step.action, step.event_type, step.callback_url])).toEqual([
      ['create', 'person_updated', 'https://hooks.example.com/a'],
      ['create', 'task_created', 'https://hooks.example.com/a'],
      ['create', 'note_created', 'https://hooks.example.com/b'],
    ]);
    const matching = [
      sub('https://hooks.example.com/a', 'person_updated', 'tok-a'),
      sub('https://hooks.example.com/a', 'task_created', 'tok-a'),
      sub('https://hooks.example.com/b', 'note_created', 'tok-b', false),
    ];
    expect(planSync(desired, matching, 'all')).toEqual([]);
  });

  it('enables or disables in place, recreates on a changed token, and prunes by mode', () => {
    const current = [
      sub('https://hooks.example.com/a', 'person_updated', 'old-token'),
      sub('https://hooks.example.com/a', 'task_created', 'tok-a', false),
      sub('https://hooks.example.com/b', 'note_created', 'tok-b', true),
      sub('https://hooks.example.com/a', 'call_created', 'tok-a'),
      sub('https://elsewhere.example.com/x', 'call_created', 't'),
    ];
    const actions = (mode: 'none' | 'managed' | 'all') =>
      planSync(desired, current, mode).map(
        (step) => `${step.action} ${step.event_type} ${step.callback_url}`,
      );
    expect(actions('none')).toEqual([
      'recreate person_updated https://hooks.example.com/a',
      'enable task_created https://hooks.example.com/a',
      'disable note_created https://hooks.example.com/b',
    ]);
    expect(actions('managed')).toEqual([
      ...actions('none'),
      'delete call_created https://hooks.example.com/a',
    ]);
    expect(actions('all')).toEqual([
      ...actions('managed'),
      'delete call_created https://elsewhere.example.com/x',
    ]);
    expect(JSON.stringify(planJson(planSync(desired, current, 'none')))).not.toContain('tok-a');
  });
});
