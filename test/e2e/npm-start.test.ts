import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanEnv, ROOT, tempDir } from '../support/cli.js';
import { RunningCli } from '../support/spawn.js';

describe('npm start (scripts/start.js)', () => {
  it('runs listen --emulator: verified deliveries at once, and Ctrl-C leaves nothing behind', async () => {
    const stateDir = tempDir('slh-state-');
    const cli = new RunningCli(
      spawn(process.execPath, [join(ROOT, 'scripts', 'start.js')], {
        cwd: ROOT,
        env: cleanEnv({ SALESLOFT_HOOKS_STATE_DIR: stateDir }),
      }),
    );
    await cli.waitFor(/Ready: http:\/\/127\.0\.0\.1:\d+\/salesloft-hooks\/[0-9a-f]+ \(35 subscriptions\)/);
    await cli.waitFor(/#35 .* verified/, 'stdout');
    cli.child.kill('SIGINT');
    expect(await cli.exited).toBe(0);
    expect(cli.stderr).toContain('Deleted 35 subscriptions. Bye.');
    const sessions = join(stateDir, 'sessions');
    expect(existsSync(sessions) ? readdirSync(sessions) : []).toEqual([]);
  });

  it('the README’s piped form: npm start --silent -- ... --json puts only JSON lines on stdout', async () => {
    const args = ['listen', '--emulator', '--event', 'person_updated', '--json', '--max-deliveries', '2'];
    const cli = new RunningCli(
      spawn('npm', ['start', '--silent', '--', ...args], {
        cwd: ROOT,
        env: cleanEnv({ SALESLOFT_HOOKS_STATE_DIR: tempDir('slh-state-') }),
      }),
    );
    cli.child.stdin.end();
    expect(await cli.exited).toBe(0);
    const lines = cli.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(JSON.parse(line)).toMatchObject({ v: 1, event_type: 'person_updated' });
  });
});
