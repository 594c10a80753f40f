import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  deadSessionJournals,
  type JournalData,
  removeStaleTemporaryFiles,
} from '../../../src/listen/journal.js';
import { tempDir } from '../../support/cli.js';

const NOW = Date.parse('2026-11-28T12:00:00Z');

function journal(stateDir: string, id: string, fields: Partial<JournalData>): void {
  const dir = join(stateDir, 'sessions');
  mkdirSync(dir, { recursive: true });
  const data: JournalData = {
    v: 1,
    session_id: id,
    pid: 4242,
    hostname: hostname(),
    started_at: '2026-11-28T11:00:00Z',
    api_url: 'http://127.0.0.1:4010',
    callback_url: `http://127.0.0.1:1/salesloft-hooks/${id}`,
    subscription_ids: [],
    ...fields,
  };
  writeFileSync(join(dir, `${id}.json`), JSON.stringify(data));
}

describe('which sessions are dead', () => {
  it('on this host: a dead process; on another host: a stale heartbeat, or any with allHosts', async () => {
    const stateDir = tempDir();
    journal(stateDir, 'here-dead', { pid: 4242 });
    journal(stateDir, 'here-alive', { pid: 4343 });
    journal(stateDir, 'there-fresh', {
      hostname: 'container-a',
      pid: 1,
      heartbeat_at: '2026-11-28T11:59:30Z',
    });
    journal(stateDir, 'there-stale', {
      hostname: 'container-b',
      pid: 1,
      heartbeat_at: '2026-11-28T11:50:00Z',
    });
    journal(stateDir, 'there-old-format', { hostname: 'container-c', pid: 1 });
    const isAlive = (pid: number) => pid === 4343;
    const dead = async (allHosts = false) =>
      (await deadSessionJournals(stateDir, { isAlive, now: NOW, allHosts }))
        .map((found) => found.data.session_id)
        .sort();
    expect(await dead()).toEqual(['here-dead', 'there-old-format', 'there-stale']);
    expect(await dead(true)).toEqual(['here-dead', 'there-fresh', 'there-old-format', 'there-stale']);
  });

  it('a session that ran as PID 1 on this host is judged by its process like any other', async () => {
    const stateDir = tempDir();
    journal(stateDir, 'pid-one', { pid: 1 });
    const found = await deadSessionJournals(stateDir, { isAlive: () => false, now: NOW });
    expect(found.map((item) => item.data.session_id)).toEqual(process.pid === 1 ? [] : ['pid-one']);
  });

  it('temporary files of dead writers are removed, a live writer’s are kept', async () => {
    const stateDir = tempDir();
    const dir = join(stateDir, 'sessions');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'abc.json.4242.tmp'), '{');
    writeFileSync(join(dir, 'def.json.4343.tmp'), '{');
    await removeStaleTemporaryFiles(stateDir, (pid) => pid === 4343);
    expect(existsSync(join(dir, 'abc.json.4242.tmp'))).toBe(false);
    expect(existsSync(join(dir, 'def.json.4343.tmp'))).toBe(true);
  });
});
