import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { parseJson, runCli, tempDir } from '../support/cli.js';
import { hasRawControl } from '../support/controls.js';
import { emulator } from '../support/emulator.js';
import { startCli } from '../support/spawn.js';

const HOSTILE_URL = 'https://attacker.example/\r\u001b[2Khttps://good.example/hooks\u202e';

const closers: (() => void)[] = [];
afterEach(() => {
  for (const close of closers.splice(0)) close();
});

describe('terminal escape injection', () => {
  it('list and unsubscribe show callback URLs from the API escaped; --json keeps them exact', async () => {
    const emu = await emulator();
    emu.store.create({
      callback_url: HOSTILE_URL,
      callback_token: 'tok\u001b[31m-token',
      event_type: 'person_updated',
    });
    const env = { SALESLOFT_API_URL: emu.url, SALESLOFT_API_KEY: 'ak_test' };

    const table = await runCli(['list', '--show-tokens'], { env });
    expect(table.code).toBe(0);
    expect(hasRawControl(table.stdout)).toBe(false);
    expect(table.stdout).toContain('https://attacker.example/\\x0d\\x1b[2Khttps://good.example/hooks\\u202e');
    const json = await runCli(['list', '--json'], { env });
    expect(parseJson<{ callback_url: string }[]>(json)[0]?.callback_url).toBe(HOSTILE_URL);

    const removed = await runCli(['unsubscribe', '--all', '--yes'], { env });
    expect(removed.code).toBe(0);
    expect(hasRawControl(removed.stdout + removed.stderr)).toBe(false);
    expect(removed.stdout).toContain('https://attacker.example/\\x0d');
  });

  it('listen escapes CRM fields of a delivery, verified or not', async () => {
    const emu = await emulator();
    const cli = startCli(['listen', '--event', 'person_created'], {
      SALESLOFT_API_URL: emu.url,
      SALESLOFT_API_KEY: 'ak_test',
      SALESLOFT_HOOKS_STATE_DIR: tempDir('slh-state-'),
    });
    await cli.waitFor(/Ready:/);
    emu.fire('person_created', {
      id: '7\u001b]0;owned\u0007',
      first_name: 'Eve\n12:00:00  #2  person_created  1  Admin  verified',
      last_name: '\u202eniamdA',
    });
    await cli.waitFor(/#1 .*verified\n/, 'stdout');
    expect(cli.stdout.trim().split('\n')).toHaveLength(1);
    expect(hasRawControl(cli.stdout.replace(/\n$/, ''))).toBe(false);
    expect(cli.stdout).toContain('Eve\\x0a12:00:00');
    cli.child.kill('SIGINT');
    expect(await cli.exited).toBe(0);
  });

  it('an error message quoting the server is escaped on stderr and exact in --json', async () => {
    const link = '\u001b]8;;https://evil.example/\u0007click here to re-auth\u001b]8;;\u0007';
    const server = createServer((_req, res) => {
      res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ error: link }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    closers.push(() => server.close());
    const env = {
      SALESLOFT_API_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      SALESLOFT_API_KEY: 'ak_test',
    };
    const human = await runCli(['list'], { env });
    expect(human.code).toBe(3);
    expect(hasRawControl(human.stderr)).toBe(false);
    expect(human.stderr).toContain('\\x1b]8;;https://evil.example/\\x07click here');
    const json = await runCli(['list', '--json'], { env });
    expect(json.code).toBe(3);
    expect(parseJson<{ error: { message: string } }>(json).error.message).toContain(link);
  });
});
