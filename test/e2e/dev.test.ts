import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanEnv, ROOT, tempDir } from '../support/cli.js';

/** bin/dev.mjs as its shebang runs it: the sources under tsx. */
function dev(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--no-warnings', join(ROOT, 'bin', 'dev.mjs'), ...args],
      {
        cwd: ROOT,
        env: cleanEnv({ SALESLOFT_HOOKS_STATE_DIR: tempDir('slh-state-'), ...env }),
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('bin/dev.mjs runs the sources through the same launcher', () => {
  it('the sources’ commands, the events fast path, and secrets kept out of DEBUG output', async () => {
    const version = await dev(['--version']);
    expect(version.stdout).toMatch(/^salesloft-hooks\/\d+\.\d+\.\d+\+dev /);
    const events = await dev(['events', '--json']);
    expect(JSON.parse(events.stdout)).toHaveLength(37);
    const key = 'ak_dev_secret_4242424242';
    const list = await dev(['list', '--api-key', key, '--api-url', 'http://127.0.0.1:9'], { DEBUG: '*' });
    expect(list.code).toBe(4);
    expect(list.stderr).toContain('Cannot reach Salesloft at 127.0.0.1:9');
    expect(list.stderr).not.toContain(key);
  });
});
