// Bundles the CLI from dist/ (tsc's output) into two CommonJS files, which Node starts faster
// than a tree of ES modules: dist/launch.cjs (what bin/run.js loads: the events fast path and
// the loader) and dist/cli.cjs (oclif, its plugins' commands and every command, each command
// initialised only when it runs). The library (dist/index.js) stays as tsc wrote it.
// Packages that only some commands need stay outside, loaded from node_modules when used.
import { createHash } from 'node:crypto';
import { appendFileSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');
const shim = (name) => join(root, 'scripts', 'bundle', `${name}.cjs`);

// tsc's modules find their files (the inspector's page, the schema) from import.meta.url; in
// the bundle each keeps the URL it had in dist/, so relative paths resolve as before.
const importMetaUrl = {
  name: 'import-meta-url',
  setup(b) {
    b.onLoad({ filter: /[\\/]dist[\\/].*\.js$/ }, (args) => {
      const contents = readFileSync(args.path, 'utf8');
      const path = JSON.stringify(relative(dist, args.path));
      return {
        contents: contents.replaceAll(
          'import.meta.url',
          `require('node:url').pathToFileURL(require('node:path').join(__dirname, ${path})).href`,
        ),
        loader: 'js',
      };
    });
  },
};

const oclifParts = {
  name: 'oclif-parts',
  setup(b) {
    // The autocomplete plugin exports no entry for its commands: take them by file.
    b.onResolve({ filter: /^@oclif\/plugin-autocomplete\/lib\// }, (args) => ({
      path: join(root, 'node_modules', args.path),
    }));
    for (const name of ['debug', 'tinyglobby']) {
      b.onResolve({ filter: new RegExp(`^${name}$`) }, (args) =>
        args.importer === shim(name) ? undefined : { path: shim(name) },
      );
    }
  },
};

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: true,
  keepNames: true,
  legalComments: 'none',
  // import() of a bundled module becomes a lazy initialiser; of an external package, require().
  supported: { 'dynamic-import': false },
  external: ['@inquirer/prompts', '@ngrok/ngrok', 'cli-table3', 'undici', 'yaml', 'typescript', 'tsx'],
  plugins: [importMetaUrl, oclifParts],
  logLevel: 'warning',
};

await build({ ...common, entryPoints: [join(dist, 'cli', 'launch.js')], outfile: join(dist, 'launch.cjs') });
const cli = join(dist, 'cli.cjs');
await build({ ...common, entryPoints: [join(dist, 'cli', 'main.js')], outfile: cli });
// The code cache is keyed by this line (see src/cli/code-cache.ts).
appendFileSync(cli, `\n// build ${createHash('sha256').update(readFileSync(cli)).digest('hex')}\n`);
console.error(`bundled ${relative(root, dirname(cli))}/launch.cjs and cli.cjs`);
