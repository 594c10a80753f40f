import { EVENT_TYPES } from '../../packages/webhooks/src/catalog/event-types.js';

/** Levenshtein distance: insertions, deletions and substitutions each cost 1. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** The names nearest to `name`, nearest first (ties in the given order). */
export function nearest(name: string, candidates: readonly string[], limit = 3): string[] {
  return candidates
    .map((candidate) => ({ candidate, distance: editDistance(name, candidate) }))
    .sort((a, b) => a.distance - b.distance)
    .slice(0, limit)
    .map((entry) => entry.candidate);
}

/** The catalog name that `name` is a typo of (edit distance 1 or 2), if there is one. */
export function catalogTypo(name: string): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const event of EVENT_TYPES) {
    if (event.name === name) return undefined;
    const distance = editDistance(name, event.name);
    if (distance <= 2 && (!best || distance < best.distance)) best = { name: event.name, distance };
  }
  return best?.name;
}
