import { open, rm, stat } from 'node:fs/promises';
import { CliError, ExitCode } from '../shared/errors.js';

const STALE_MS = 30_000;

/**
 * Runs `work` holding a lock file that every process of this machine respects (created
 * exclusively; one left by a crashed process counts as free once it is 30 s old). Waits for it
 * for at most `waitMs`.
 */
export async function withFileLock<T>(file: string, work: () => Promise<T>, waitMs = 15_000): Promise<T> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      const handle = await open(file, 'wx', 0o600);
      await handle.writeFile(`${process.pid}\n`);
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const age = await stat(file).then(
        (found) => Date.now() - found.mtimeMs,
        () => 0,
      );
      if (age > STALE_MS) {
        await rm(file, { force: true });
        continue;
      }
      if (Date.now() > deadline) {
        throw new CliError(
          `Another process holds ${file} and did not let go in ${waitMs / 1000} s.`,
          'locked',
          ExitCode.failed,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 25 + Math.random() * 50));
    }
  }
  try {
    return await work();
  } finally {
    await rm(file, { force: true });
  }
}
