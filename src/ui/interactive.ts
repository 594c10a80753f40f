import { UsageError } from '../shared/errors.js';

/**
 * Guard for anything that would prompt: without a terminal on stdin it fails with exit 2
 * and names the flag that answers the question instead.
 */
export function requireInteractive(
  question: string,
  flag: string,
  stdin: { isTTY?: boolean } = process.stdin,
): void {
  if (stdin.isTTY !== true) {
    throw new UsageError(`${question} needs a terminal to ask; pass ${flag} instead.`, 'prompt_needs_tty');
  }
}
