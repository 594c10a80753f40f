import { colorRefused, type Environment } from '../shared/config.js';

/** Colour only on a TTY, and never under NO_COLOR (any value) or FORCE_COLOR=0. */
export function colorEnabled(env: Environment, isTTY: boolean | undefined): boolean {
  return !colorRefused(env) && isTTY === true;
}
