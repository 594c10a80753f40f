import { afterEach, describe, expect, it } from 'vitest';
import { entryFrom } from '../../../../src/listen/inspector/record.js';
import { storeReplayer } from '../../../../src/listen/inspector/replay.js';
import { type Inspector, startInspector } from '../../../../src/listen/inspector/server.js';
import { InspectorStore } from '../../../../src/listen/inspector/store.js';

const KEY = 'ab'.repeat(16);
const open: Inspector[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((inspector) => inspector.close()));
});

function delivery(id: number) {
  return entryFrom(
    String(id),
    {
      id,
      received_at: '2026-12-01T00:00:00Z',
      event_type: 'person_updated',
      path: '/salesloft-hooks/x',
      headers: { 'content-type': 'application/json' },
      body: Buffer.from(`{"id":${id}}`),
      signature: { valid: true, reason: null },
    },
    'tok',
  );
}

async function inspector(store: InspectorStore) {
  const started = await startInspector({
    store,
    key: KEY,
    // A port of its own: Node's fetch keeps connections to a port a closed inspector had.
    port: 0,
    replay: storeReplayer(store, 'tok', undefined),
    target: undefined,
    token: 'tok',
  });
  open.push(started);
  return started;
}

/** Opens an event stream (resolved once its head came: the server is watching the store then). */
async function openEvents(url: string, headers: Record<string, string>) {
  const controller = new AbortController();
  const answer = await fetch(url, { headers, signal: controller.signal });
  return {
    /** Reads until `done` says so; returns the events. */
    async read(done: (events: string[]) => boolean): Promise<string[]> {
      const events: string[] = [];
      let text = '';
      const decoder = new TextDecoder();
      for await (const chunk of answer.body as AsyncIterable<Uint8Array>) {
        text += decoder.decode(chunk);
        const parts = text.split('\n\n');
        text = parts.pop() ?? '';
        events.push(...parts.filter((part) => part.includes('event: ')));
        if (done(events)) break;
      }
      controller.abort();
      return events;
    },
  };
}

/** Reads an event stream until `done` says so; returns its events. */
async function readEvents(url: string, headers: Record<string, string>, done: (events: string[]) => boolean) {
  return (await openEvents(url, headers)).read(done);
}

describe('the inspector’s event stream', () => {
  it('a burst sends the newest 100 rows and how many more came', async () => {
    const store = new InspectorStore();
    const page = await inspector(store);
    const url = page.url.replace('/?key=', '/api/events?key=');
    const stream = await openEvents(url, {});
    for (let id = 1; id <= 250; id++) store.put(delivery(id));
    const events = await stream.read((events) => events.some((event) => event.includes('event: row')));
    expect(events[0]).toContain('event: skipped\ndata: {"count":150}');
    const rows = events.filter((event) => event.includes('event: row'));
    expect(rows).toHaveLength(100);
    expect(rows.at(-1)).toContain('"key":"250"');
  });

  it('a page that comes back gets what it missed after its Last-Event-ID, or reload', async () => {
    const store = new InspectorStore();
    store.watch(() => {});
    store.put(delivery(1));
    const seen = store.lastSeq;
    store.put(delivery(2));
    const page = await inspector(store);
    const url = page.url.replace('/?key=', '/api/events?key=');
    const resumed = await readEvents(url, { 'last-event-id': String(seen) }, (events) => events.length > 0);
    expect(resumed[0]).toContain('"key":"2"');
    const gone = await readEvents(url, { 'last-event-id': '-5000' }, (events) => events.length > 0);
    expect(gone[0]).toContain('event: reload');
  });

  it('the list is rows without bodies; a wrong key is a page that says which URL to open', async () => {
    const store = new InspectorStore();
    store.put(delivery(1));
    const page = await inspector(store);
    const listed = (await (await fetch(page.url.replace('/?key=', '/api/deliveries?key='))).json()) as {
      rows: Record<string, unknown>[];
    };
    expect(listed.rows).toHaveLength(1);
    expect(listed.rows[0]).not.toHaveProperty('body_base64');
    const detail = (await (await fetch(page.url.replace('/?key=', '/api/deliveries/1?key='))).json()) as {
      body_base64: string;
    };
    expect(Buffer.from(detail.body_base64, 'base64').toString()).toBe('{"id":1}');
    const wrong = await fetch(page.url.replace(KEY, 'cd'.repeat(16)));
    expect(wrong.status).toBe(403);
    expect(wrong.headers.get('content-type')).toContain('text/html');
    expect(await wrong.text()).toContain('Inspector:');
  });

  it('never serves on a port browsers refuse: a given one is a usage error, and the search from 4041 passes 4045 by', async () => {
    const store = new InspectorStore();
    await expect(
      startInspector({
        store,
        key: KEY,
        port: 4045,
        replay: storeReplayer(store, 'tok', undefined),
        target: undefined,
        token: 'tok',
      }),
    ).rejects.toThrow(
      "Browsers refuse port 4045 (one of the Fetch standard's bad ports): pass another --inspect-port.",
    );
    const { browserCanOpen } = await import('../../../../src/net/browser-ports.js');
    expect([4041, 4044, 4045, 4046, 6000, 6667].map(browserCanOpen)).toEqual([
      true,
      true,
      false,
      true,
      false,
      false,
    ]);
  });
});
