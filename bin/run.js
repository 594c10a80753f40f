#!/usr/bin/env node
import { tryFastPath } from '../dist/fast-path.js';

if (!tryFastPath(process.argv.slice(2))) {
  const { execute } = await import('@oclif/core');
  await execute({ dir: import.meta.url });
}
