import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sign } from '../../packages/webhooks/src/catalog/signature.js';
import { tempDir } from '../support/cli.js';
import { emulator } from '../support/emulator.js';
import { startCli } from '../support/spawn.js';

const DEEP = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;

describe('a delivery is answered by its verdict, whatever its shape', () => {
  it('a forged body nested 20,000 deep: 401, printed, recorded, and its --max-deliveries place counts', async () => {
    const emu = await emulator();
    const record = join(tempDir(), 'deliveries.jsonl');
    const cli = startCli(
      [
        'listen',
        '--event',
        'person_updated',
        '--body',
        '--no-inspect',
        '--max-deliveries',
        '2',
        '--record',
        record,
      ],
      { SALESLOFT_API_URL: emu.url, SALESLOFT_API_KEY: 'ak_test' },
    );
    const [, callbackUrl] = await cli.waitFor(/Ready: (\S+) /);
    const [, token] = await cli.waitFor(/Callback token: (\S+)/);
    const forged = await fetch(callbackUrl as string, {
      method: 'POST',
      headers: { 'x-salesloft-event': 'person_updated', 'x-salesloft-signature': '0'.repeat(40) },
      body: DEEP,
    });
    expect(forged.status).toBe(401);
    const signed = await fetch(callbackUrl as string, {
      method: 'POST',
      headers: {
        'x-salesloft-event': 'person_updated',
        'x-salesloft-signature': sign(DEEP, token as string),
      },
      body: DEEP,
    });
    expect(signed.status).toBe(200);
    // Both count towards --max-deliveries: the session ends by itself and cleans up.
    expect(await cli.exited).toBe(0);
    expect(emu.store.list()).toEqual([]);
    expect(cli.stdout).toMatch(/#1 +person_updated .*INVALID: mismatch/);
    expect(cli.stdout).toMatch(/#2 +person_updated .*verified/);
    expect(cli.stdout).toContain('nested deeper than 64 levels');
    const lines = readFileSync(record, 'utf8').trim().split('\n');
    expect(lines.map((line) => JSON.parse(line).id)).toEqual([1, 2]);
  });
});
