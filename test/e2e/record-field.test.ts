import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Emulator } from '../../packages/webhooks/src/emulator/emulator.js';
import { tempDir } from '../support/cli.js';
import { emulator } from '../support/emulator.js';
import { startCli } from '../support/spawn.js';

function env(emu: Emulator) {
  return { SALESLOFT_API_URL: emu.url, SALESLOFT_API_KEY: 'ak_test' };
}

describe('--record in the field', () => {
  it('on a full disk (/dev/full): one warning, deliveries still answered 200, cleanup, a count at the end', async () => {
    const emu = await emulator();
    const cli = startCli(
      ['listen', '--event', 'person_updated', '--no-inspect', '--record', '/dev/full'],
      env(emu),
    );
    await cli.waitFor(/Callback token:/);
    for (let index = 0; index < 3; index++) emu.fire('person_updated');
    await emu.deliveriesSettled();
    expect(emu.deliveries().map((delivery) => delivery.attempts.map((attempt) => attempt.status))).toEqual([
      [200],
      [200],
      [200],
    ]);
    cli.child.kill('SIGINT');
    expect(await cli.exited).toBe(0);
    expect(emu.store.list()).toEqual([]);
    expect(cli.stderr.match(/could not write delivery/g)).toHaveLength(1);
    expect(cli.stderr).toMatch(/ENOSPC/);
    expect(cli.stderr).toContain('3 deliveries could not be written to /dev/full.');
  });

  it('a delivery answered 200 is in the file, even one still being forwarded when the session stops', async () => {
    const emu = await emulator({ deliveryTimeoutMs: 10_000 });
    let answerSlowly: () => void = () => {};
    const app = createServer((_req, res) => {
      answerSlowly = () => res.end('ok');
    });
    await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
    const port = (app.address() as { port: number }).port;
    const record = join(tempDir(), 'deliveries.jsonl');
    const cli = startCli(
      [
        'listen',
        '--event',
        'person_updated',
        '--no-inspect',
        '--record',
        record,
        '--forward-to',
        `http://127.0.0.1:${port}/hooks`,
        '--forward-timeout',
        '10',
      ],
      env(emu),
    );
    await cli.waitFor(/Callback token:/);
    emu.fire('person_updated');
    await new Promise((resolve) => setTimeout(resolve, 300));
    cli.child.kill('SIGINT');
    await cli.waitFor(/cleaning up/);
    // The app answers 4 s later: past the old 3 s cut, within --forward-timeout.
    setTimeout(() => answerSlowly(), 4_000);
    expect(await cli.exited).toBe(0);
    app.close();
    await emu.deliveriesSettled();
    expect(emu.deliveries()[0]?.attempts[0]?.status).toBe(200);
    const lines = readFileSync(record, 'utf8').trim().split('\n');
    expect(lines.map((line) => JSON.parse(line).event_type)).toEqual(['person_updated']);
    // The recording keeps what the app answered, so `inspect --from` shows it.
    expect(JSON.parse(lines[0] as string).forward).toMatchObject({ status: 200, error: null });
  }, 20_000);
});
