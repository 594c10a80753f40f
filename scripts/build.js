// Checks that the dependency patches are applied (scripts/check-patches.js), bundles the CLI from
// src/ (scripts/bundle.js, which reads src/ through tsx: nothing is compiled twice), builds the
// library for import and require (scripts/library.js) and regenerates the oclif manifest (none of
// them is committed).
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const root = join(dirname(new URL(import.meta.url).pathname), '..');
// The oclif dev CLI would ask the npm registry whether it is out of date at each build (and say
// so): a build needs no network, so it is told not to.
const run = (file, args, nodeArgs = []) => {
  try {
    execFileSync(process.execPath, [...nodeArgs, file, ...args], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, OCLIF_SKIP_NEW_VERSION_CHECK: 'true' },
    });
  } catch (error) {
    // The step has said what went wrong on stderr: its stack trace here would only bury that.
    process.exit(error.status ?? 1);
  }
};

// First: the patches in patches/ are in node_modules (a build after `npm ci --ignore-scripts` fails).
run(join(root, 'scripts', 'check-patches.js'), []);
rmSync(join(root, 'dist'), { recursive: true, force: true });
rmSync(join(root, 'oclif.manifest.json'), { force: true });
run(join(root, 'scripts', 'bundle.js'), [], ['--import', 'tsx']);
run(join(root, 'scripts', 'library.js'), []);
run(join(dirname(require.resolve('oclif/package.json')), 'bin', 'run.js'), ['manifest']);
