import { describe, expect, it } from 'vitest';
import Unsubscribe from '../../../src/commands/unsubscribe.js';
import { runCommand } from '../../support/command.js';
import { emulator } from '../../support/emulator.js';
import { apiEnv } from '../../support/in-process.js';

describe('unsubscribe (in process)', () => {
  it('deletes by id, and by --url and --event with --yes, leaving the rest', async () => {
    const emu = await emulator();
    const a = emu.store.create({
      callback_url: 'https://hooks.example.com/a',
      callback_token: 't',
      event_type: 'person_updated',
    });
    emu.store.create({
      callback_url: 'https://hooks.example.com/b',
      callback_token: 't',
      event_type: 'task_created',
    });
    emu.store.create({
      callback_url: 'https://hooks.example.com/b',
      callback_token: 't',
      event_type: 'note_created',
    });
    const byId = await runCommand(Unsubscribe, [String(a.id), '--yes', '--json'], apiEnv(emu));
    expect(byId.result?.deleted.map((sub) => sub.id)).toEqual([a.id]);
    const bySelector = await runCommand(
      Unsubscribe,
      ['--url', 'hooks.example.com/b', '--event', 'task_*', '--yes', '--json'],
      apiEnv(emu),
    );
    expect(bySelector.exitCode).toBe(0);
    expect(bySelector.result?.deleted.map((sub) => sub.event_type)).toEqual(['task_created']);
    expect(emu.store.list().map((sub) => sub.event_type)).toEqual(['note_created']);
  });

  it('an id that does not exist is reported, not an error for the others', async () => {
    const emu = await emulator();
    const run = await runCommand(Unsubscribe, ['999', '--yes', '--json'], apiEnv(emu));
    expect(run.result).toMatchObject({ deleted: [], not_found: [999] });
  });
});
