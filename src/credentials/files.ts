import { lstat, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { UsageError } from '../shared/errors.js';

/**
 * A JSON file of the config folder, readable by its owner only: written to a temporary file of
 * the folder, then renamed (never half-written, never through a planted link), mode 0600 in a 0700
 * folder. A missing file reads as `empty`.
 */
export async function readJsonFile<T>(file: string, empty: T): Promise<T> {
  let text: string;
  try {
    const stat = await lstat(file);
    if (!stat.isFile())
      throw new UsageError(`${file} is not a regular file: move it away.`, 'bad_config_file');
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return empty;
    throw error;
  }
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new UsageError(`${file} is not JSON: fix it or remove it (then log in again).`, 'bad_config_file');
  }
}

export async function writeJsonFile(file: string, data: unknown): Promise<void> {
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  const temp = join(dirname(file), `.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`);
  await writeFile(temp, `${JSON.stringify(data, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  await rename(temp, file);
}
