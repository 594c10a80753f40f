export type StopSignal = 'SIGINT' | 'SIGTERM' | 'SIGHUP';

/** Resolves with the first of SIGINT, SIGTERM, SIGHUP (and stops listening for them). */
export function nextStopSignal(
  signals: readonly StopSignal[] = ['SIGINT', 'SIGTERM', 'SIGHUP'],
): Promise<StopSignal> {
  return new Promise((resolve) => {
    const handlers = signals.map((signal) => {
      const handler = () => {
        for (const [other, otherHandler] of handlers) process.off(other, otherHandler);
        resolve(signal);
      };
      process.on(signal, handler);
      return [signal, handler] as const;
    });
  });
}
