import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // End-to-end tests run dist/: rebuild it first when src/ (or the build) changed since.
    globalSetup: ['test/support/build-if-stale.ts'],
    // Bounds on a hang, not speed assertions: a shared 2-core machine can be slow.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Most test time is spent waiting on spawned CLIs and local servers, so three files at once
    // on two cores keeps the machine busy without starving the processes under test.
    poolOptions: { forks: { minForks: 1, maxForks: 3 } },
  },
});
