import { closeSync, openSync } from 'node:fs';

type Stream = NodeJS.WriteStream;

/**
 * A closed terminal (EIO), a full disk (ENOSPC: `listen > out.jsonl`) or a reader that went away
 * (EPIPE: `| tee` after Ctrl-C) makes every later write to that stream fail. Unhandled, the first
 * failure kills the process in the middle of serving deliveries or of cleanup, and leaves its
 * subscriptions behind. From the first failure on, writes to that stream are dropped, the other
 * stream (if it still works) says so once, and the work goes on to its normal end.
 */
export function guardStdio(
  stdout: Stream = process.stdout,
  stderr: Stream = process.stderr,
  reopenOnExit = true,
): { dead: () => string[] } {
  const dead = new Map<Stream, string>();
  const guard = (stream: Stream, name: string, other: Stream, sayOnOther: () => boolean) => {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (dead.has(stream)) return;
      dead.set(stream, name);
      stream.write = dropped;
      if (!dead.has(other) && sayOnOther()) {
        other.write(
          `salesloft-hooks: ${name} failed (${error.code ?? error.message}); what it would show is dropped from here on.\n`,
        );
      }
    });
  };
  guard(stdout, 'standard output', stderr, () => true);
  // stdout may carry --json lines: the note goes there only when a person is reading it.
  guard(stderr, 'standard error', stdout, () => stdout.isTTY === true);
  if (reopenOnExit) {
    process.once('exit', () => {
      if (dead.size > 0) pointStdioAtDevNull();
    });
  }
  return { dead: () => [...dead.values()] };
}

function dropped(this: Stream, ...args: unknown[]): boolean {
  const callback = args.find((arg) => typeof arg === 'function') as (() => void) | undefined;
  if (callback) process.nextTick(callback);
  return true;
}

/**
 * Node 20 can abort (SIGABRT, or SIGSEGV) in its final flush of a hung-up terminal after a clean
 * exit (nodejs/node#58200): descriptors 0-2 pointed at /dev/null have nothing left to flush.
 * Closing one and opening a file reuses the lowest free descriptor, the one just closed.
 */
function pointStdioAtDevNull(): void {
  for (const fd of [0, 1, 2]) {
    try {
      closeSync(fd);
      openSync('/dev/null', fd === 0 ? 'r' : 'w');
    } catch {
      // Nothing to flush there either.
    }
  }
}
