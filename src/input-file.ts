import { readFile } from 'node:fs/promises';
import { UsageError } from './errors.js';

/** A file the user named: unreadable is a usage error (exit 2) that names the flag and the reason. */
export async function readInputFile(file: string, flag: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new UsageError(`Cannot read ${flag} ${file} (${reason}).`, 'unreadable_file');
  }
}
