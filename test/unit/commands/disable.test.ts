import { describe, expect, it } from 'vitest';
import Disable from '../../../src/commands/disable.js';
import { runCommand } from '../../support/command.js';
import { emulator } from '../../support/emulator.js';
import { apiEnv } from '../../support/in-process.js';

describe('disable (in process)', () => {
  it('sets enabled=false by id and by --url/--event selectors, and returns what it changed', async () => {
    const emu = await emulator();
    const made = ['person_updated', 'task_created'].map((event_type) =>
      emu.store.create({ callback_url: 'https://hooks.example.com/x', callback_token: 't', event_type }),
    );
    for (const sub of made) emu.store.setEnabled(sub.id, true);
    const [first, second] = made;
    const byId = await runCommand(Disable, [String(first?.id), '--json'], apiEnv(emu));
    expect(byId.exitCode).toBe(0);
    expect(byId.result?.updated).toEqual([expect.objectContaining({ id: first?.id, enabled: false })]);
    const bySelector = await runCommand(
      Disable,
      ['--url', 'hooks.example.com/x', '--event', 'task_created', '--yes', '--json'],
      apiEnv(emu),
    );
    expect(bySelector.result?.updated.map((sub) => sub.id)).toEqual([second?.id]);
    expect(emu.store.list().every((sub) => sub.enabled === false)).toBe(true);
  });
});
