/**
 * A closed terminal (EIO) or a reader that went away (EPIPE: `| tee` or `| head` after Ctrl-C)
 * makes every later write to that stream fail. Unhandled, the first failure kills the process,
 * in the middle of cleanup or of serving deliveries. From here on, writes to a dead stream are
 * dropped and the work goes on. (oclif guards stdout against EPIPE only.)
 */
export function guardStdio(streams: NodeJS.WriteStream[] = [process.stdout, process.stderr]): void {
  for (const stream of streams) {
    stream.on('error', () => {
      // The stream is dead: what it would have shown has nowhere to go.
    });
  }
}
