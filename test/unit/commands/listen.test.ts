import { describe, expect, it } from 'vitest';
import Listen from '../../../src/commands/listen.js';
import { tempDir } from '../../support/cli.js';
import { runCommand } from '../../support/command.js';

describe('listen (in process)', () => {
  it('--emulator: subscribes, verifies the first round, stops after --max-deliveries and deletes what it made', async () => {
    const run = await runCommand(Listen, [
      '--emulator',
      '--event',
      'person_*',
      '--max-deliveries',
      '3',
      '--no-inspect',
      '--json',
    ]);
    expect(run.exitCode).toBe(0);
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { event_type: string; signature: { valid: boolean } });
    expect(lines.map((line) => line.event_type).sort()).toEqual([
      'person_created',
      'person_deleted',
      'person_updated',
    ]);
    expect(lines.every((line) => line.signature.valid)).toBe(true);
    expect(run.stderr).toMatch(
      /^Ready: http:\/\/127\.0\.0\.1:\d+\/salesloft-hooks\/[0-9a-f]{12} \(3 subscriptions\)$/m,
    );
    expect(run.stderr).toContain('Summary: 3 deliveries: 3 verified, 0 invalid.');
    expect(run.stderr).toContain('Deleted 3 subscriptions. Bye.');
  });

  it('--print-token returns the state folder’s token, the same each time', async () => {
    const env = { SALESLOFT_HOOKS_STATE_DIR: tempDir('slh-state-') };
    const first = await runCommand(Listen, ['--print-token', '--json'], env);
    const second = await runCommand(Listen, ['--print-token', '--json'], env);
    expect(first.result).toEqual({ token: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(second.result).toEqual(first.result);
  });
});
