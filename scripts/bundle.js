// Bundles the CLI from src/ into CommonJS files, which Node starts faster than a tree of ES
// modules, and which the launcher loads through V8's code cache (src/entry/code-cache.ts):
//   dist/launch.cjs  what bin/run.js loads: the `events` fast path and the loader
//   dist/cli.cjs     oclif, its plugins' commands and every command, each initialised only when it runs
//   dist/undici.cjs  the parts of undici the HTTP client uses, loaded on the first request
// Identifiers are not minified and each bundle has a linked source map, so a stack trace is
// readable and, under --enable-source-maps, names src/ lines. What changes in oclif or its
// dependencies for speed is a patch in patches/ (applied by patch-package at `npm ci`), never a
// stand-in here. The library (dist/index.js) stays as tsc wrote it. Packages that only some
// commands need stay outside, loaded from node_modules when used. THIRD_PARTY_NOTICES and
// sbom.cdx.json list what the bundles hold.
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { cliOptions, stampBundle as stamp } from './bundle-options.js';
import { writeNotices } from './notices.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const src = join(root, 'src');
const common = cliOptions(root);
const dist = join(root, 'dist');
const require = createRequire(import.meta.url);

// undici as its index assembles itself (the request API on every dispatcher), but only the
// dispatchers and the errors the client uses (src/net/undici.ts): its public entry also loads fetch, WebSocket, caches, mocks
// and SQLite, which cost about 40 ms more at every API command (README, Performance). Each part
// is checked to be the very object the public entry exports, so an upgrade that moves one fails
// the build instead of shipping something else.
const UNDICI_PARTS = {
  Agent: 'lib/dispatcher/agent.js',
  EnvHttpProxyAgent: 'lib/dispatcher/env-http-proxy-agent.js',
  errors: 'lib/core/errors.js',
};
const undiciDir = join(require.resolve('undici/package.json'), '..');
const publicUndici = require('undici');
for (const [name, file] of Object.entries(UNDICI_PARTS)) {
  if (require(join(undiciDir, file)) !== publicUndici[name]) {
    throw new Error(`undici's ${name} is no longer ${file}: update UNDICI_PARTS in scripts/bundle.js`);
  }
}
if (publicUndici.Dispatcher.prototype.request !== require(join(undiciDir, 'lib/api/index.js')).request) {
  throw new Error(
    "undici's dispatchers no longer take their request API from lib/api: update scripts/bundle.js",
  );
}
const undiciEntry = `
const Dispatcher = require('./lib/dispatcher/dispatcher.js');
Object.assign(Dispatcher.prototype, require('./lib/api/index.js'));
${Object.entries(UNDICI_PARTS)
  .map(([name, file]) => `exports.${name} = require(${JSON.stringify(`./${file}`)});`)
  .join('\n')}
`;

const results = [
  await build({
    ...common,
    entryPoints: [join(src, 'entry', 'launch.ts')],
    outfile: join(dist, 'launch.cjs'),
  }),
  await build({ ...common, entryPoints: [join(src, 'entry', 'main.ts')], outfile: join(dist, 'cli.cjs') }),
  await build({
    ...common,
    external: [],
    plugins: [],
    stdin: { contents: undiciEntry, resolveDir: undiciDir, sourcefile: 'undici-parts.js' },
    outfile: join(dist, 'undici.cjs'),
  }),
];
stamp(join(dist, 'cli.cjs'));
stamp(join(dist, 'undici.cjs'));
writeNotices(
  root,
  results.flatMap((result) => Object.keys(result.metafile.inputs)),
);
console.error(`bundled ${relative(root, dist)}/launch.cjs, cli.cjs and undici.cjs`);
