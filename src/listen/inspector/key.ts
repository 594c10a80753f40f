import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../../shared/errors.js';
import { writeOwnFile } from '../../shared/own-files.js';
import { readStateFile, trustStateDir } from '../../shared/state-dir.js';

const FILE = 'inspector-key';

/**
 * The inspector's access key, kept in the state directory (0600) so that a bookmarked page still
 * works after `listen` restarts. A state directory that cannot be written gives a key for this
 * run only: the page works, the bookmark will not. One another user wrote (or a planted symlink)
 * is exit 2: their key would open the page.
 */
export function inspectorKey(stateDir: string): string {
  trustStateDir(stateDir);
  const file = join(stateDir, FILE);
  let stored: Buffer | undefined;
  try {
    stored = readStateFile(file);
  } catch (error) {
    if (error instanceof UsageError) throw error;
  }
  const text = stored?.toString('utf8').trim() ?? '';
  if (/^[0-9a-f]{32}$/.test(text)) return text;
  const key = randomBytes(16).toString('hex');
  try {
    mkdirSync(stateDir, { recursive: true, mode: 0o700 });
    writeOwnFile(file, `${key}\n`);
  } catch {
    // A read-only state directory: this run's key only.
  }
  return key;
}
