export type StopSignal = 'SIGINT' | 'SIGTERM' | 'SIGHUP';
const STOP_SIGNALS: readonly StopSignal[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

export interface StopSignals {
  /** Resolves with the first stop signal. */
  first: Promise<StopSignal>;
  /** Stops listening (the default signal behaviour returns). */
  dispose(): void;
}

/**
 * Handles SIGINT, SIGTERM and SIGHUP for the whole life of a command: the first one resolves
 * `first`; a later one calls `again`. One handler stays installed throughout, so a second signal
 * never meets the default action. Repeats within `debounceMs` are one Ctrl-C delivered twice
 * (by the terminal and by a wrapper such as `npm start`) and are ignored.
 */
export function handleStopSignals(
  again: (signal: StopSignal) => void = () => {},
  debounceMs = 500,
): StopSignals {
  let firstAt: number | undefined;
  let resolveFirst: (signal: StopSignal) => void = () => {};
  const first = new Promise<StopSignal>((resolve) => {
    resolveFirst = resolve;
  });
  const handler = (signal: StopSignal) => {
    if (firstAt === undefined) {
      firstAt = Date.now();
      resolveFirst(signal);
    } else if (Date.now() - firstAt >= debounceMs) {
      again(signal);
    }
  };
  for (const signal of STOP_SIGNALS) process.on(signal, handler);
  return {
    first,
    dispose: () => {
      for (const signal of STOP_SIGNALS) process.off(signal, handler);
    },
  };
}
