import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  openSync,
  readSync,
  renameSync,
  rmSync,
  type Stats,
  writeSync,
} from 'node:fs';

// Files this CLI keeps for itself (the code cache, the state directory) are trusted only when this
// user alone could have written them: another user who can write a shared folder must not be able
// to plant a token, a key or compiled code, or make the CLI write through a symlink.

/** O_NOFOLLOW where the platform has it (not Windows): opening a symlink fails with ELOOP. */
const NO_FOLLOW = constants.O_NOFOLLOW ?? 0;

/** Why `stat` (an lstat or an fstat) is not something this user alone wrote; undefined when it is. */
export function untrustedReason(stat: Stats, kind: 'file' | 'directory'): string | undefined {
  if (stat.isSymbolicLink()) return 'is a symbolic link';
  if (kind === 'file' ? !stat.isFile() : !stat.isDirectory()) return `is not a ${kind}`;
  if (!process.getuid) return undefined;
  if (stat.uid !== process.getuid()) return `is owned by another user (uid ${stat.uid})`;
  if ((stat.mode & 0o022) !== 0) {
    return `is writable by group or others (mode ${(stat.mode & 0o777).toString(8).padStart(3, '0')})`;
  }
  return undefined;
}

/** A path that exists but is not this user's alone. */
export class UntrustedPathError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path} ${reason}`);
    this.name = 'UntrustedPathError';
  }
}

/**
 * Why a directory is not this user's alone; undefined when it is, or when there is none to judge
 * (missing, or a path that cannot hold one: the use that follows fails with its own clear error).
 */
export function untrustedDirectory(path: string): string | undefined {
  let stat: Stats;
  try {
    stat = lstatSync(path);
  } catch {
    return undefined;
  }
  return untrustedReason(stat, 'directory');
}

/**
 * Reads a file of this user's: opened without following a symlink, checked on the open descriptor
 * (a regular file, this user's, writable by nobody else) and read from it, so nothing can be
 * swapped between the check and the read. Undefined when there is none; UntrustedPathError else.
 */
export function readOwnFile(path: string): Buffer | undefined {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | NO_FOLLOW);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    if (code === 'ELOOP') throw new UntrustedPathError(path, 'is a symbolic link');
    throw error;
  }
  try {
    const stat = fstatSync(fd);
    const reason = untrustedReason(stat, 'file');
    if (reason) throw new UntrustedPathError(path, reason);
    const buffer = Buffer.allocUnsafe(stat.size);
    let read = 0;
    while (read < stat.size) {
      const count = readSync(fd, buffer, read, stat.size - read, read);
      if (count === 0) break;
      read += count;
    }
    return buffer.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes `data` to `path` (0600) through a temporary file of a random name in the same folder,
 * created exclusively and without following a symlink, then renamed over `path`: a planted file or
 * symlink is never written through.
 */
export function writeOwnFile(path: string, data: string | Uint8Array): void {
  const { randomBytes } = process.getBuiltinModule('node:crypto');
  const temporary = `${path}.${randomBytes(8).toString('hex')}.tmp`;
  const fd = openSync(
    temporary,
    constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | NO_FOLLOW,
    0o600,
  );
  try {
    const bytes = typeof data === 'string' ? Buffer.from(data) : data;
    let written = 0;
    while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
  } finally {
    closeSync(fd);
  }
  try {
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}
