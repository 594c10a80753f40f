import { describe, expect, it } from 'vitest';
import { EVENT_TYPES } from '../../../packages/webhooks/src/catalog/event-types.js';
import { runForIds } from '../../../src/subscriptions/batch.js';
import { planSubscribe, subscribe } from '../../../src/subscriptions/subscribe.js';
import { deleteTargets, findTargets } from '../../../src/subscriptions/unsubscribe.js';
import { client, emulator } from '../../support/emulator.js';

describe('the API client against a flaky Salesloft', () => {
  it('completes a 200-subscription workload through 500s, 429s and resets, with no duplicate and no stray delete', async () => {
    const emu = await emulator({ rateLimitPerMinute: 100_000 });
    const bystander = emu.store.create({
      callback_url: 'https://bystander.example.com',
      callback_token: 'b',
      event_type: 'task_created',
    });
    emu.faults.add({ kind: 'status', status: 500, probability: 0.1, count: 0 });
    emu.faults.add({ kind: 'status', status: 429, retry_after: 0.01, probability: 0.05, count: 0 });
    emu.faults.add({ kind: 'reset', probability: 0.02, count: 0 });
    emu.faults.add({ kind: 'uncertain_create', probability: 0.02, count: 0, method: 'POST' });
    const { client: api } = client(emu.url, {
      retry: { attempts: 10, baseDelayMs: 1, maxDelayMs: 5, rateLimitJitterMs: 1 },
    });

    const names = EVENT_TYPES.map((event) => event.name);
    const targets = Array.from({ length: 200 }, (_, i) => ({
      url: `https://chaos.example.com/${Math.floor(i / 37)}`,
      event: names[i % 37] as string,
    }));
    for (const url of [...new Set(targets.map((t) => t.url))]) {
      const events = targets.filter((t) => t.url === url).map((t) => t.event);
      await subscribe(
        api,
        { url, events, token: 'chaos-token', disabled: false },
        planSubscribe([], url, events),
        [],
      );
    }
    const mine = emu.store.list().filter((sub) => sub.callback_url.startsWith('https://chaos.example.com/'));
    expect(mine).toHaveLength(200);
    expect(new Set(mine.map((sub) => `${sub.callback_url} ${sub.event_type}`)).size).toBe(200);
    expect(await api.list()).toHaveLength(201);

    const disabled = await runForIds(
      mine.map((sub) => sub.id),
      (id) => api.setEnabled(id, false),
    );
    expect(disabled.failed).toEqual([]);
    expect(emu.store.list({ enabled: false })).toHaveLength(200);

    const target = await findTargets(api, { url: 'https://chaos.example.com/' });
    const { result, problem } = await deleteTargets(api, target);
    expect(problem).toBeUndefined();
    expect(result.deleted).toHaveLength(200);
    expect(emu.store.list()).toEqual([bystander]);
    // The chaos really happened.
    const statuses = new Set(emu.requests.map((request) => request.status));
    expect([...statuses].sort()).toEqual(expect.arrayContaining([0, 200, 204, 429, 500]));
  }, 120_000);
});
