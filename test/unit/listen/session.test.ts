import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { sessionLine } from '../../../src/cli/render/session.js';
import { SessionJournal } from '../../../src/journal/journal.js';
import { runListenSession } from '../../../src/listen/session.js';
import type { SessionEvent } from '../../../src/listen/session-events.js';
import { noTunnel } from '../../../src/listen/tunnel/none.js';
import { tempDir } from '../../support/cli.js';
import { client, emulator } from '../../support/emulator.js';

const plain = new Chalk({ level: 0 });

/** A journal whose first write works and whose updates fail, as on a full disk. */
const fullDisk: typeof SessionJournal.create = async (...args) => {
  const journal = await SessionJournal.create(...args);
  journal.add = () => Promise.reject(Object.assign(new Error('no space left on device'), { code: 'ENOSPC' }));
  return journal;
};

async function session(emuUrl: string) {
  const { client: api } = client(emuUrl);
  const lines: string[] = [];
  const run = runListenSession(
    {
      api,
      apiUrl: emuUrl,
      stateDir: tempDir('slh-state-'),
      openTunnel: async (_port, localUrl) => noTunnel(localUrl),
      stopRequested: new Promise(() => {}),
      stdout: () => {},
      onEvent: (event: SessionEvent) => lines.push(sessionLine(event, plain) ?? ''),
      view: { received: () => undefined, answered: () => undefined, unrendered: () => '' },
      createJournal: fullDisk,
    },
    {
      events: ['person_created', 'person_updated', 'task_created'],
      port: 0,
      token: 't',
      forwardTimeoutMs: 1000,
      keep: false,
    },
  );
  return { run, lines };
}

describe('a journal that cannot be written', () => {
  it('ends the session with what it created deleted again (exit 4), never Ready', async () => {
    const emu = await emulator();
    const { run, lines } = await session(emu.url);
    await expect(run).rejects.toMatchObject({
      exitCode: 4,
      message: expect.stringMatching(
        /^Could not write the session journal \(ENOSPC\).*deleted the \d+ subscriptions?/,
      ),
    });
    expect(emu.store.list()).toEqual([]);
    expect(lines.some((line) => line.startsWith('Ready:'))).toBe(false);
  });

  it('is a partial failure (exit 5) naming what is left when deleting fails too', async () => {
    const emu = await emulator();
    emu.faults.add({ kind: 'status', status: 500, method: 'DELETE', count: 0 });
    const { run } = await session(emu.url);
    await expect(run).rejects.toMatchObject({
      exitCode: 5,
      message: expect.stringMatching(/failed for #\d+/),
    });
    expect(emu.store.list().length).toBeGreaterThan(0);
  });
});

describe('cleanup that fails', () => {
  it('names each subscription it could not delete and why (exit 5)', async () => {
    const emu = await emulator();
    const { client: api } = client(emu.url);
    let stop: (signal: string) => void = () => {};
    const lines: string[] = [];
    const run = runListenSession(
      {
        api,
        apiUrl: emu.url,
        stateDir: tempDir('slh-state-'),
        openTunnel: async (_port, localUrl) => noTunnel(localUrl),
        stopRequested: new Promise((resolve) => {
          stop = resolve;
        }),
        stdout: () => {},
        onEvent: (event: SessionEvent) => lines.push(sessionLine(event, plain) ?? ''),
        view: { received: () => undefined, answered: () => undefined, unrendered: () => '' },
        onReady: () => {
          emu.faults.add({ kind: 'status', status: 500, method: 'DELETE', count: 0 });
          stop('SIGTERM');
        },
      },
      { events: ['note_created'], port: 0, token: 't', forwardTimeoutMs: 1000, keep: false },
    );
    await expect(run).rejects.toMatchObject({
      exitCode: 5,
      message: expect.stringMatching(
        /^Could not delete 1 of this session's subscriptions \(#\d+: Salesloft answered 500/,
      ),
    });
    expect(emu.store.list()).toHaveLength(1);
  });
});
