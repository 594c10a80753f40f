// Builds the library (src/index.ts and what it reaches, none of the CLI) for both module systems:
//   dist/lib/esm/  tsc's ES modules and declarations (`import`)
//   dist/lib/cjs/  one CommonJS bundle (esbuild) and the same declarations, which a package.json
//                  of type commonjs there makes CommonJS declarations (`require`, node10, jest)
// undici stays outside both (a dependency, loaded only when the emulator sends).
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const esm = join(root, 'dist', 'lib', 'esm');
const cjs = join(root, 'dist', 'lib', 'cjs');

rmSync(join(root, 'dist', 'lib'), { recursive: true, force: true });
execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.lib.json'], {
  cwd: root,
  stdio: 'inherit',
});

mkdirSync(cjs, { recursive: true });
writeFileSync(join(cjs, 'package.json'), `${JSON.stringify({ type: 'commonjs' }, null, 2)}\n`);
cpSync(esm, cjs, { recursive: true, filter: (source) => !source.endsWith('.js') });
await build({
  entryPoints: [join(root, 'src', 'index.ts')],
  outfile: join(cjs, 'index.js'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['undici'],
  // The one import.meta.url of the library (src/net/undici.ts's createRequire) in CommonJS terms.
  banner: { js: "const __moduleUrl = require('node:url').pathToFileURL(__filename).href;" },
  define: { 'import.meta.url': '__moduleUrl' },
  legalComments: 'none',
  logLevel: 'warning',
});

if (!existsSync(join(cjs, 'index.d.ts')))
  throw new Error('the library build wrote no dist/lib/cjs/index.d.ts');
