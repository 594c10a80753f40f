import { describe, expect, it } from 'vitest';
import Subscribe from '../../../src/commands/subscribe.js';
import { runCommand } from '../../support/command.js';
import { emulator } from '../../support/emulator.js';
import { apiEnv } from '../../support/in-process.js';

describe('subscribe (in process)', () => {
  it('creates one subscription per event with the given token, and reports what existed on a second run', async () => {
    const emu = await emulator();
    const env = { ...apiEnv(emu), SALESLOFT_CALLBACK_TOKEN: 'token-for-the-app-0001' };
    const args = ['--url', 'https://hooks.example.com/in', '--event', 'person_*', '--json'];
    const first = await runCommand(Subscribe, args, env);
    expect(first.exitCode).toBe(0);
    expect(first.result).toMatchObject({ token: 'toke…0001', existing: [] });
    expect(emu.store.list().map((sub) => [sub.event_type, sub.callback_token])).toEqual([
      ['person_created', 'token-for-the-app-0001'],
      ['person_deleted', 'token-for-the-app-0001'],
      ['person_updated', 'token-for-the-app-0001'],
    ]);
    const again = await runCommand(Subscribe, args, env);
    expect(again.result).toMatchObject({ created: [], existing: [{}, {}, {}] });
    expect(emu.store.list()).toHaveLength(3);
  });

  it('--dry-run plans without creating', async () => {
    const emu = await emulator();
    const run = await runCommand(
      Subscribe,
      ['--url', 'https://hooks.example.com/in', '--event', 'note_created', '--dry-run', '--json'],
      apiEnv(emu),
    );
    expect(run.result).toEqual({
      plan: [{ event_type: 'note_created', callback_url: 'https://hooks.example.com/in', action: 'create' }],
      // The team the key acts for, from GET /v2/team.
      team: { id: 4242, name: 'Emulated Team' },
    });
    expect(emu.store.list()).toEqual([]);
  });
});
