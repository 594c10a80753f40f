import { existsSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  deadSessionJournals,
  type JournalData,
  removeStaleTemporaryFiles,
} from '../../../src/journal/journal.js';
import { tempDir } from '../../support/cli.js';

const NOW = Date.parse('2026-11-28T12:00:00Z');

function journal(stateDir: string, id: string, fields: Partial<JournalData>, heartbeatAt?: number): void {
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
  const file = join(dir, `${id}.json`);
  writeFileSync(file, JSON.stringify(data));
  if (heartbeatAt !== undefined) utimesSync(file, heartbeatAt / 1000, heartbeatAt / 1000);
}

const HERE = { pid_ns: 'pid:[4026531836]', boot_id: 'boot-a' };

describe('which sessions are dead', () => {
  it('on this host: a dead process; on another host: a stale heartbeat, or any with allHosts', async () => {
    const stateDir = tempDir();
    journal(stateDir, 'here-dead', { pid: 4242 });
    journal(stateDir, 'here-alive', { pid: 4343 });
    journal(stateDir, 'there-fresh', { hostname: 'container-a', pid: 1 }, NOW - 30_000);
    journal(stateDir, 'there-stale', { hostname: 'container-b', pid: 1 }, NOW - 10 * 60_000);
    journal(stateDir, 'there-old-format', { hostname: 'container-c', pid: 1 }, NOW - 60 * 60_000);
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

  it('another PID namespace or boot on this hostname is judged by the heartbeat, never by the pid', async () => {
    const stateDir = tempDir();
    // A container on host networking shares the hostname: its pid 77 means nothing here.
    journal(stateDir, 'other-ns-live', { pid: 77, pid_ns: 'pid:[1]', boot_id: 'boot-a' }, NOW - 10_000);
    journal(stateDir, 'other-boot-dead', { pid: 77, pid_ns: HERE.pid_ns, boot_id: 'boot-b' }, NOW - 600_000);
    // A session that ran as PID 1 in a container that is gone: pid 1 is always alive on the host.
    journal(stateDir, 'container-pid-one', { pid: 1, pid_ns: 'pid:[2]', boot_id: 'boot-a' }, NOW - 600_000);
    journal(stateDir, 'same-space-dead', { pid: 78, ...HERE }, NOW - 1_000);
    const dead = await deadSessionJournals(stateDir, { isAlive: () => true, now: NOW, identity: HERE });
    const alive = (pid: number) => pid !== 78;
    const found = await deadSessionJournals(stateDir, { isAlive: alive, now: NOW, identity: HERE });
    expect(dead.map((item) => item.data.session_id).sort()).toEqual(['container-pid-one', 'other-boot-dead']);
    expect(found.map((item) => item.data.session_id).sort()).toEqual([
      'container-pid-one',
      'other-boot-dead',
      'same-space-dead',
    ]);
  });

  it('a heartbeat is judged on the state directory’s clock, not by two hosts’ wall clocks', async () => {
    const stateDir = tempDir();
    // The writer's clock ran 4 minutes behind: its heartbeat_at looks stale, its file was written 20 s ago.
    const behind = new Date(Date.now() - 4 * 60_000).toISOString();
    journal(stateDir, 'fresh', { hostname: 'elsewhere', pid: 5, heartbeat_at: behind }, Date.now() - 20_000);
    journal(stateDir, 'stale', { hostname: 'elsewhere', pid: 5 }, Date.now() - 4 * 60_000);
    const found = await deadSessionJournals(stateDir);
    expect(found.map((item) => item.data.session_id)).toEqual(['stale']);
  });

  it('a journal counts only in its own name: file name = session_id, callback URL ends with the session path', async () => {
    const stateDir = tempDir();
    journal(stateDir, 'planted', { callback_url: 'https://hooks.example.com/production' });
    journal(stateDir, 'renamed', { session_id: 'someone-else' });
    journal(stateDir, 'honest', {});
    const found = await deadSessionJournals(stateDir, { isAlive: () => false, now: NOW });
    expect(found.map((item) => item.data.session_id)).toEqual(['honest']);
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
