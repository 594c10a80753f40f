import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // End-to-end tests run dist/: rebuild it first when src/ (or the build) changed since.
    globalSetup: ['test/support/build-if-stale.ts'],
    // The helpers' cleanup after every test, in every file (see test/support/after-test.ts).
    setupFiles: ['test/support/setup.ts'],
    // Bounds on a hang, not speed assertions: a shared 2-core machine can be slow.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    poolOptions: {
      forks: {
        // Test files share their worker processes and loaded modules instead of starting a fresh
        // process and loading vitest and the sources again for each of the hundred files: that
        // start-up was a quarter of the suite's CPU time, and two cores are the limit here.
        isolate: false,
        // Most test time is spent waiting on spawned CLIs and local servers, so three files at
        // once on two cores keeps the machine busy without starving the processes under test. As
        // many workers from the start as at most: with fewer, shared workers failed runs here
        // ("Terminating worker thread" from vitest 3.2's tinypool as it resized the pool).
        minForks: 3,
        maxForks: 3,
      },
    },
  },
});
