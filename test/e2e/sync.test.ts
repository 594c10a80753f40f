// Through a real process: the .env of its working directory. The rest of sync runs in process:
// test/unit/commands/sync-plans.test.ts.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { emulator } from '../support/emulator.js';
import { fileWith, pairs } from '../support/sync.js';

const HOOK = 'https://hooks.example.com/salesloft';

describe('sync', () => {
  it('token_env may come from .env in the working directory', async () => {
    const emu = await emulator();
    const { dir, file } = fileWith(
      `subscriptions:\n  - url: ${HOOK}\n    token_env: FROM_DOTENV\n    events: [note_created]\n`,
    );
    writeFileSync(join(dir, '.env'), 'FROM_DOTENV=dotenv-token\n');
    const result = await runCli(['sync', '--file', file, '--yes'], {
      cwd: dir,
      env: { SALESLOFT_API_URL: emu.url, SALESLOFT_API_KEY: 'k' },
    });
    expect(result.code).toBe(0);
    expect(pairs(emu)).toEqual([`${HOOK} note_created dotenv-token on`]);
  });
});
