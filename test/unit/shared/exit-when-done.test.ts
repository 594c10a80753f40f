import { execFile } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const MODULE = new URL('../../../src/shared/exit-when-done.ts', import.meta.url).href;

describe('exitWhenDone', () => {
  it('ends a process that a handle holds open, with its exit code and every byte it wrote', async () => {
    // The interval stands in for the ngrok SDK's native handle: without the exit the child never ends.
    const script = `
      const { exitWhenDone, exitRequested, flushAndExit } = await import(${JSON.stringify(MODULE)});
      setInterval(() => {}, 1_000);
      exitWhenDone();
      process.stdout.write('x'.repeat(1 << 20));
      process.stderr.write('done\\n');
      process.exitCode = 4;
      if (exitRequested()) await flushAndExit();`;
    const child = await new Promise<{
      stdout: string;
      stderr: string;
      code: number | null;
      signal: string | null;
    }>((resolve) => {
      const running = execFile(
        process.execPath,
        ['--import', 'tsx', '--input-type=module', '-e', script],
        { timeout: 20_000, maxBuffer: 4 << 20 },
        (_error, stdout, stderr) =>
          resolve({ stdout, stderr, code: running.exitCode, signal: running.signalCode }),
      );
    });
    expect(child.signal).toBe(null);
    expect(child.code).toBe(4);
    expect(child.stdout).toHaveLength(1 << 20);
    expect(child.stderr).toBe('done\n');
  });
});
