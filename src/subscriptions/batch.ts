import { describeError, ExitCode } from '../shared/errors.js';

export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

export const DEFAULT_CONCURRENCY = 4;

/** Runs `work` over `items` with at most `limit` in flight; results in input order, never rejects. */
export async function mapBounded<I, O>(
  items: readonly I[],
  work: (item: I, index: number) => Promise<O>,
  limit = DEFAULT_CONCURRENCY,
): Promise<Settled<O>[]> {
  const results: Settled<O>[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      try {
        results[index] = { ok: true, value: await work(items[index] as I, index) };
      } catch (error) {
        results[index] = { ok: false, error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker));
  return results;
}

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
