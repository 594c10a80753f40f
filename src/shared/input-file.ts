import { readFileSync } from 'node:fs';
import { UsageError } from './errors.js';

/**
 * A file the user named, or standard input for `-`: unreadable is a usage error (exit 2) that
 * names the flag and the reason.
 */
export async function readInputFile(file: string, flag: string): Promise<Buffer> {
  if (file === '-') return readStdin(flag);
  // Read at once: a command reads one such file, and node:fs/promises would cost more to load
  // than the read.
  try {
    return readFileSync(file);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new UsageError(`Cannot read ${flag} ${file} (${reason}).`, 'unreadable_file');
  }
}

async function readStdin(flag: string): Promise<Buffer> {
  if (process.stdin.isTTY) {
    throw new UsageError(
      `${flag} - reads standard input: pipe the data in (… | salesloft-hooks …).`,
      'stdin_tty',
    );
  }
  const { text } = await import('node:stream/consumers');
  return Buffer.from(await text(process.stdin));
}
