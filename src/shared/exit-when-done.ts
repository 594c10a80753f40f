/**
 * Some native handles (the ngrok SDK's, after a failed or closed tunnel) keep Node's event loop
 * alive after the work is done. A module that loads one asks for the process to end when the
 * command returns; the entry point does so once standard output and error are flushed.
 */
let requested = false;

export function exitWhenDone(): void {
  requested = true;
}

export function exitRequested(): boolean {
  return requested;
}

/** Waits until what was written to stdout and stderr is handed to the system, then exits. */
export async function flushAndExit(): Promise<never> {
  await Promise.all([process.stdout, process.stderr].map(flushed));
  process.exit();
}

function flushed(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    if (stream.destroyed || !stream.writable) resolve();
    else stream.write('', () => resolve());
  });
}
