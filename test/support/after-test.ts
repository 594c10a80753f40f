/**
 * What the support helpers undo after every test: servers, emulators, child processes and
 * environment variables they set. test/support/setup.ts (a setup file, which vitest runs for every
 * test file) calls `cleanUpAfterTest` after each test. A hook registered by a helper module itself
 * would run in the first test file only, when test files share a worker and its loaded modules.
 */
const cleanups: (() => unknown)[] = [];

/** Registers `cleanup` (once, when a helper module loads); the last registered runs first. */
export function afterEveryTest(cleanup: () => unknown): void {
  cleanups.push(cleanup);
}

export async function cleanUpAfterTest(): Promise<void> {
  for (const cleanup of [...cleanups].reverse()) await cleanup();
}
