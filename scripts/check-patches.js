// Fails the build when a patch in patches/ is not applied to node_modules: `npm ci --ignore-scripts`
// (common in hardened CI) skips patch-package, and a bundle built then would silently carry the
// unpatched code (oclif's re-throwing stdout listener kills `listen` on a closed terminal). A patch
// is applied when every hunk's result (its context and added lines) stands in the file, in order.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The files a patch changes, each with the text every hunk leaves behind. */
function hunksOf(patch) {
  const files = [];
  let current;
  let hunk;
  for (const line of patch.split('\n')) {
    if (line.startsWith('+++ b/')) {
      current = { path: line.slice('+++ b/'.length), hunks: [] };
      files.push(current);
    } else if (line.startsWith('@@') && current) {
      hunk = [];
      current.hunks.push(hunk);
    } else if (hunk && (line.startsWith(' ') || line.startsWith('+'))) {
      hunk.push(line.slice(1));
    } else if (line.startsWith('diff --git')) {
      hunk = undefined;
    }
  }
  return files;
}

/** The patches of `root`/patches that `root`/node_modules lacks, with the first file that shows it. */
export function unappliedPatches(root) {
  const dir = join(root, 'patches');
  const missing = [];
  for (const name of readdirSync(dir).filter((entry) => entry.endsWith('.patch'))) {
    for (const { path, hunks } of hunksOf(readFileSync(join(dir, name), 'utf8'))) {
      const file = join(root, path);
      const text = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
      let from = 0;
      const applied =
        text !== undefined &&
        hunks.every((hunk) => {
          const at = text.indexOf(hunk.join('\n'), from);
          if (at === -1) return false;
          from = at;
          return true;
        });
      if (!applied) {
        missing.push({ patch: name, file: path });
        break;
      }
    }
  }
  return missing;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = join(new URL('..', import.meta.url).pathname);
  const missing = unappliedPatches(root);
  for (const { patch, file } of missing) {
    console.error(
      `patches/${patch} is not applied (${file} lacks it; installed with --ignore-scripts?): run \`npx patch-package\`, then build again.`,
    );
  }
  if (missing.length > 0) process.exit(1);
}
