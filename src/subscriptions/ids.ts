import { UsageError } from '../shared/errors.js';

/** Subscription ids from command arguments: positive integers, no duplicates. */
export function parseIds(values: readonly string[]): number[] {
  const ids = values.map((value) => {
    if (!/^\d+$/.test(value) || Number(value) <= 0) {
      throw new UsageError(
        `"${value}" is not a subscription id (ids are positive integers; see \`salesloft-hooks list\`).`,
        'bad_id',
      );
    }
    return Number(value);
  });
  return [...new Set(ids)];
}
