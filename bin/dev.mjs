#!/usr/bin/env -S node --import tsx --no-warnings
// Runs the TypeScript sources without a build, through the same launcher as bin/run.js (the
// stdio guard, the `events` fast path, secrets kept out of argv): only the commands come from
// src/ instead of dist/cli.cjs.
import { fileURLToPath } from 'node:url';
import { launch } from '../src/entry/launch.ts';

await launch(fileURLToPath(new URL('..', import.meta.url)), {
  sources: () => import('../src/entry/main.ts'),
});
