#!/usr/bin/env node
import { hideSecrets } from '../dist/cli/argv-secrets.js';
import { tryFastPath } from '../dist/cli/fast-path.js';
import { guardStdio } from '../dist/cli/terminal.js';

guardStdio();

const args = hideSecrets(process.argv.slice(2));
// oclif logs process.argv itself under DEBUG: keep the key and tokens out of it too.
process.argv.splice(2, Number.POSITIVE_INFINITY, ...args);
if (!tryFastPath(args)) {
  const { execute } = await import('@oclif/core');
  await execute({ args, dir: import.meta.url });
}
