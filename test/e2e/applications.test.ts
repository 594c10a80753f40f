// Salesloft lists subscriptions per application: each API key sees, changes and deletes only what
// its own application made. Through the real CLI, two keys on one emulator.
import { describe, expect, it } from 'vitest';
import type { Emulator } from '../../packages/webhooks/src/emulator/emulator.js';
import { parseJson, runCli, tempDir } from '../support/cli.js';
import { emulator } from '../support/emulator.js';

const env = (emu: Emulator, key: string) => ({
  env: {
    SALESLOFT_API_URL: emu.url,
    SALESLOFT_API_KEY: key,
    SALESLOFT_HOOKS_STATE_DIR: tempDir('slh-state-'),
  },
});

describe('two API keys on one emulator', () => {
  it('do not see each other’s subscriptions: list, enable and unsubscribe of the other key find nothing', async () => {
    const emu = await emulator();
    emu.registerApplication('ak_team_c', { team: { id: 7, name: 'Acme EU' } });
    const made = await runCli(
      [
        'subscribe',
        '--url',
        'https://b.example.com/hooks',
        '--event',
        'person_*',
        '--token',
        't0ken',
        '--json',
      ],
      env(emu, 'ak_team_b'),
    );
    expect(made.code).toBe(0);
    const ids = parseJson<{ created: { id: number }[] }>(made).created.map((sub) => sub.id);
    expect(ids).toHaveLength(3);

    const listed = await runCli(['list', '--json'], env(emu, 'ak_team_c'));
    expect(parseJson(listed)).toEqual([]);
    const own = await runCli(['list', '--json'], env(emu, 'ak_team_b'));
    expect(parseJson<{ id: number }[]>(own).map((sub) => sub.id)).toEqual(ids);

    const disabled = await runCli(['disable', String(ids[0]), '--json'], env(emu, 'ak_team_c'));
    expect(disabled.code).toBe(4);
    const removed = await runCli(['unsubscribe', '--all', '--yes', '--json'], env(emu, 'ak_team_c'));
    expect(removed.code).toBe(0);
    expect(parseJson(removed)).toMatchObject({ deleted: [] });
    expect(emu.store.list().map((sub) => [sub.id, sub.enabled, sub.tenant_id])).toEqual(
      ids.map((id) => [id, true, 4242]),
    );
  });
});
