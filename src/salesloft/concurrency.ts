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
