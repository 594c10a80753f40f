import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../support/cli.js';
import { emulator } from '../support/emulator.js';
import { verifyingHandler } from '../support/receiver.js';
import { startCli } from '../support/spawn.js';

describe('listen --forward-to routes per event type', () => {
  it('sends person_* to one app and everything else to the default; the route is on the answer line and in the record', async () => {
    const emu = await emulator();
    const stateDir = tempDir('slh-state-');
    const env = {
      SALESLOFT_API_URL: emu.url,
      SALESLOFT_API_KEY: 'ak_test',
      SALESLOFT_HOOKS_STATE_DIR: stateDir,
    };
    const token = (await runCli(['listen', '--print-token'], { env })).stdout.trim();
    const [people, other] = await Promise.all([verifyingHandler(token), verifyingHandler(token)]);
    const record = join(tempDir('slh-record-'), 'session.jsonl');
    const cli = startCli(
      [
        'listen',
        '--event',
        'person_updated,task_created',
        '--forward-to',
        `person_*=:${people.port}/people`,
        '--forward-to',
        `:${other.port}/other`,
        '--record',
        record,
        '--no-inspect',
      ],
      env,
    );
    await cli.waitFor(/Ready:/);
    emu.fire('person_updated', { id: 1 });
    await cli.waitFor(/#1 {2}<-- 200 \d+ ms {2}via localhost:\d+\/people\n/, 'stdout');
    emu.fire('task_created', { id: 2 });
    await cli.waitFor(new RegExp(`#2  <-- 200 \\d+ ms  via localhost:${other.port}/other\\n`), 'stdout');
    expect(people.handled.map((delivery) => [delivery.path, delivery.headers['x-salesloft-event']])).toEqual([
      ['/people', 'person_updated'],
    ]);
    expect(other.handled.map((delivery) => [delivery.path, delivery.headers['x-salesloft-event']])).toEqual([
      ['/other', 'task_created'],
    ]);
    cli.child.kill('SIGINT');
    expect(await cli.exited).toBe(0);
    const lines = readFileSync(record, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.map((line) => line.forward.route)).toEqual([
      `http://localhost:${people.port}/people`,
      `http://localhost:${other.port}/other`,
    ]);
  });

  it('a type no route takes is answered as without --forward-to; two defaults or a pattern matching nothing are exit 2', async () => {
    const emu = await emulator();
    const env = {
      SALESLOFT_API_URL: emu.url,
      SALESLOFT_API_KEY: 'ak_test',
      SALESLOFT_HOOKS_STATE_DIR: tempDir('slh-state-'),
    };
    const two = await runCli(['listen', '--forward-to', ':3000/a', '--forward-to', ':3001/b'], { env });
    expect(two).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('give one target without a pattern at most'),
    });
    const nothing = await runCli(['listen', '--forward-to', 'persn_*=:3000/a'], { env });
    expect(nothing).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('Event pattern "persn_*" matches no event type'),
    });

    const token = (await runCli(['listen', '--print-token'], { env })).stdout.trim();
    const people = await verifyingHandler(token);
    const cli = startCli(
      [
        'listen',
        '--event',
        'person_updated,task_created',
        '--forward-to',
        `person_*=:${people.port}/people`,
        '--no-inspect',
      ],
      env,
    );
    await cli.waitFor(/Ready:/);
    emu.fire('task_created', { id: 3 });
    await emu.deliveriesSettled();
    expect(emu.deliveries().map((delivery) => delivery.attempts.map((attempt) => attempt.status))).toEqual([
      [200],
    ]);
    expect(people.handled).toEqual([]);
    cli.child.kill('SIGINT');
    expect(await cli.exited).toBe(0);
  });
});
