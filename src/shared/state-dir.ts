import { UsageError } from './errors.js';
import { readOwnFile, UntrustedPathError, untrustedDirectory } from './own-files.js';

// The state directory holds the callback token, the inspector's key and the session journals (which
// prune acts on with the user's API key): one another user could write would let them choose the
// token, open the inspector or have subscriptions deleted. Refused before anything is read from it.

function refusal(what: string, path: string, reason: string, fix: string): UsageError {
  return new UsageError(
    `The ${what} ${path} ${reason}: refusing to use it (whoever wrote it could plant a token or key). ${fix}`,
    'state_dir_untrusted',
  );
}

/** Exit 2 unless `dir` (and `sessions/` in it) is this user's alone, or does not exist yet. */
export function trustStateDir(dir: string): void {
  const reason = untrustedDirectory(dir);
  // A file where the directory should be is a mistake, not a plant: the usual ENOTDIR error says so.
  if (reason && reason !== 'is not a directory') {
    throw refusal(
      'state directory',
      dir,
      reason,
      `Make it yours alone (chown "$USER" ${dir} && chmod 700 ${dir}) or set SALESLOFT_HOOKS_STATE_DIR.`,
    );
  }
}

/** A file of the state directory: undefined when there is none; exit 2 when it is not this user's alone. */
export function readStateFile(path: string): Buffer | undefined {
  try {
    return readOwnFile(path);
  } catch (error) {
    if (!(error instanceof UntrustedPathError)) throw error;
    throw refusal(
      'state file',
      path,
      error.reason,
      `Remove it, or make it yours alone (chown "$USER" ${path} && chmod 600 ${path}).`,
    );
  }
}
