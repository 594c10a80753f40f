import type { Environment } from '../shared/config.js';

/** Colour only on a TTY, and never under NO_COLOR (any value) or FORCE_COLOR=0. */
export function colorEnabled(env: Environment, isTTY: boolean | undefined): boolean {
  if (env.NO_COLOR !== undefined) return false;
  if (env.FORCE_COLOR === '0' || env.FORCE_COLOR === 'false') return false;
  return isTTY === true;
}
