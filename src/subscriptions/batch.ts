import { mapBounded } from '../salesloft/concurrency.js';
import { describeError, ExitCode } from '../shared/errors.js';

export interface BatchFailure {
  id: number;
  error: { code: string; message: string };
}

export interface BatchOutcome<T> {
  done: T[];
  failed: BatchFailure[];
  /** 0 when all succeeded, 5 when some did, else the exit code of the first failure. */
  exitCode: number;
}

/** Runs `work` for each id with bounded concurrency and sorts the outcome into done and failed. */
export async function runForIds<T>(
  ids: readonly number[],
  work: (id: number) => Promise<T>,
): Promise<BatchOutcome<T>> {
  const settled = await mapBounded(ids, work);
  const done: T[] = [];
  const failed: BatchFailure[] = [];
  let firstExit: number = ExitCode.ok;
  settled.forEach((result, index) => {
    if (result.ok) {
      done.push(result.value);
      return;
    }
    const { code, message, exitCode } = describeError(result.error);
    failed.push({ id: ids[index] as number, error: { code, message } });
    if (firstExit === ExitCode.ok) firstExit = exitCode;
  });
  const exitCode = failed.length === 0 ? ExitCode.ok : done.length > 0 ? ExitCode.partial : firstExit;
  return { done, failed, exitCode };
}
