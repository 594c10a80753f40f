import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const FILE = 'inspector-key';

/**
 * The inspector's access key, kept in the state directory (0600) so that a bookmarked page still
 * works after `listen` restarts. A state directory that cannot be written gives a key for this
 * run only: the page works, the bookmark will not.
 */
export function inspectorKey(stateDir: string): string {
  const file = join(stateDir, FILE);
  try {
    const stored = readFileSync(file, 'utf8').trim();
    if (/^[0-9a-f]{32}$/.test(stored)) return stored;
  } catch {
    // None yet.
  }
  const key = randomBytes(16).toString('hex');
  try {
    mkdirSync(stateDir, { recursive: true, mode: 0o700 });
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, `${key}\n`, { mode: 0o600 });
    renameSync(temp, file);
  } catch {
    // A read-only state directory: this run's key only.
  }
  return key;
}
