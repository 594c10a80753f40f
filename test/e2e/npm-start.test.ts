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
    await cli.waitFor(/Ready: http:\/\/127\.0\.0\.1:\d+\/salesloft-hooks\/[0-9a-f]+ \(37 subscriptions\)/);
    await cli.waitFor(/#37 .* verified/, 'stdout');
    cli.child.kill('SIGINT');
    expect(await cli.exited).toBe(0);
    expect(cli.stderr).toContain('Deleted 37 subscriptions. Bye.');
    const sessions = join(stateDir, 'sessions');
    expect(existsSync(sessions) ? readdirSync(sessions) : []).toEqual([]);
  });
});
