import type { ChalkInstance } from 'chalk';
import { safeText } from '../shared/text.js';

/** An HTTP status coloured the same way everywhere: 2xx green, 5xx red, anything else yellow. */
export function colorStatus(status: number, color: ChalkInstance): string {
  const text = String(status);
  if (status >= 200 && status < 300) return color.green(text);
  return status >= 500 ? color.red(text) : color.yellow(text);
}

/** `#3 person_updated -> 200 in 12 ms "ok"`: one delivery sent by `trigger` or `replay`. */
export function sentLine(
  id: number,
  eventType: string,
  outcome: { status: number; ms: number; excerpt?: string },
  color: ChalkInstance,
): string {
  const excerpt = outcome.excerpt ? color.dim(` ${safeText(JSON.stringify(outcome.excerpt))}`) : '';
  return `#${id} ${safeText(eventType)} -> ${colorStatus(outcome.status, color)} in ${outcome.ms} ms${excerpt}`;
}
