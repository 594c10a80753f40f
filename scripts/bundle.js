// Bundles the CLI from dist/ (tsc's output) into CommonJS files, which Node starts faster than
// a tree of ES modules: dist/launch.cjs (what bin/run.js loads: the events fast path and the
// loader) and dist/cli.cjs (oclif, its plugins' commands and every command, each command
// initialised only when it runs). The library (dist/index.js) stays as tsc wrote it. Packages
// that only some commands need stay outside, loaded from node_modules when used.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { bundleText } from '../dist/cli/code-cache.js';

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

// oclif sorts the command ids with localeCompare at every start, and the first call loads ICU's
// collator (12 ms). The ids are lower-case ASCII and ':', which sort the same by code unit.
const SORT_BY_LOCALE = '.sort((a, b) => a.id.localeCompare(b.id))';
const SORT_BY_CODE_UNIT = '.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))';

const oclifParts = {
  name: 'oclif-parts',
  setup(b) {
    b.onLoad({ filter: /[\\/]@oclif[\\/]core[\\/]lib[\\/]config[\\/]plugin\.js$/ }, (args) => {
      const contents = readFileSync(args.path, 'utf8');
      if (!contents.includes(SORT_BY_LOCALE)) throw new Error(`${args.path} no longer sorts as expected`);
      return { contents: contents.replace(SORT_BY_LOCALE, SORT_BY_CODE_UNIT), loader: 'js' };
    });
    // The autocomplete plugin exports no entry for its commands: take them by file.
    b.onResolve({ filter: /^@oclif\/plugin-autocomplete\/lib\// }, (args) => ({
      path: join(root, 'node_modules', args.path),
    }));
    b.onResolve({ filter: /^node:fs\/promises$/ }, (args) =>
      /[\\/]@oclif[\\/]core[\\/]lib[\\/]/.test(args.importer) ? { path: shim('fs-promises') } : undefined,
    );
    for (const name of ['debug', 'string-width', 'tinyglobby', 'wsl-utils']) {
      b.onResolve({ filter: new RegExp(`^${name}$`) }, (args) =>
        args.importer === shim(name) ? undefined : { path: shim(name) },
      );
    }
    // Help and error layout: oclif's own calls only (the autocomplete plugin's templates use ejs fully).
    b.onResolve({ filter: /^(ejs|wrap-ansi)$/ }, (args) =>
      /[\\/]@oclif[\\/]core[\\/]lib[\\/]/.test(args.importer) ? { path: shim(args.path) } : undefined,
    );
  },
};

// What oclif requires when it loads but uses only inside functions that most runs never call
// (help layout, error layout, spinners, Windows shell detection, performance marks, plugin
// patterns, reading arguments from stdin, colour detection for a theme): each becomes a stand-in
// that requires the real module on first use. None of them marks itself `__esModule`, so the
// stand-in answers that without loading it. (string-width, ejs and wrap-ansi have stand-ins of
// their own, above.)
const LAZY_IN_OCLIF = [
  'clean-stack',
  'cli-spinners',
  'indent-string',
  'lilconfig',
  'minimatch',
  'node:child_process',
  'node:perf_hooks',
  'node:readline',
  'supports-color',
  'widest-line',
];
const lazyInOclif = {
  name: 'lazy-in-oclif',
  setup(b) {
    const names = new RegExp(`^(${LAZY_IN_OCLIF.join('|')})$`);
    b.onResolve({ filter: names }, (args) =>
      /[\\/]@oclif[\\/]core[\\/]lib[\\/]/.test(args.importer)
        ? { path: args.path, namespace: 'lazy', pluginData: { resolveDir: args.resolveDir } }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'lazy' }, (args) => ({
      resolveDir: args.pluginData.resolveDir,
      contents: `let real;
const load = () => (real ??= require(${JSON.stringify(args.path)}));
module.exports = new Proxy(function lazy() {}, {
  apply: (_, self, values) => Reflect.apply(load(), self, values),
  construct: (_, values) => Reflect.construct(load(), values),
  get: (_, key) => (key === '__esModule' ? undefined : Reflect.get(load(), key)),
});`,
    }));
  },
};

// Packages that only some runs use (help and error layout for other than one-column text,
// templates, spinners, globbing, debug output, a Windows shell, semver for plugin checks): each
// is a file of its own in dist/vendor/, which the bundle requires where they are first used
// (the stand-ins and lazy modules above). Out of dist/cli.cjs, they are not read at every start.
// (What the help uses at every run, indent-string, widest-line and supports-color, stays in.)
const VENDOR = [
  'clean-stack',
  'cli-spinners',
  'debug',
  'ejs',
  'lilconfig',
  'minimatch',
  'semver',
  'string-width',
  'tinyglobby',
  'wrap-ansi',
  'wsl-utils',
];
const vendorFiles = {
  name: 'vendor-files',
  setup(b) {
    b.onResolve({ filter: new RegExp(`^(${VENDOR.join('|')})$`) }, (args) => ({
      path: `./vendor/${args.path}.cjs`,
      external: true,
    }));
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
  external: ['@inquirer/prompts', '@ngrok/ngrok', 'cli-table3', 'yaml', 'typescript', 'tsx'],
  plugins: [importMetaUrl, oclifParts],
  logLevel: 'warning',
};

// Each bundle is made plain ASCII (esbuild leaves a C1 control character raw in one of oclif's
// regular expressions; as a \\u escape it means the same), so that V8 holds its source in one
// byte a character rather than two: half the memory, and less to copy when it is compiled. Then
// it is written as bundleText (src/cli/code-cache.ts) makes it, with the line its cache is keyed by.
const stamp = (file) => {
  const ascii = readFileSync(file, 'utf8').replace(
    /[^\0-\x7f]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  const build = createHash('sha256').update(ascii).digest('hex');
  writeFileSync(file, bundleText(ascii, build));
};

await build({ ...common, entryPoints: [join(dist, 'cli', 'launch.js')], outfile: join(dist, 'launch.cjs') });
await build({
  ...common,
  plugins: [...common.plugins, lazyInOclif, vendorFiles],
  entryPoints: [join(dist, 'cli', 'main.js')],
  outfile: join(dist, 'cli.cjs'),
});
for (const name of VENDOR) {
  await build({
    ...common,
    plugins: [],
    stdin: { contents: `module.exports = require(${JSON.stringify(name)});`, resolveDir: root },
    outfile: join(dist, 'vendor', `${name}.cjs`),
  });
}
stamp(join(dist, 'cli.cjs'));
console.error(`bundled ${relative(root, dist)}/launch.cjs, cli.cjs and vendor/`);
