// Builds the receiver library, packages/webhooks (@salesloft-hooks/webhooks), for both module systems:
//   packages/webhooks/dist/cjs/  one CommonJS bundle (the emulator initialised on first use) and tsc's
//                                declarations, which a package.json of type commonjs there makes
//                                CommonJS declarations (`require`, node10, jest)
//   packages/webhooks/dist/esm/  an ES module bundle (the emulator a chunk of its own, loaded on
//                                first use) and one declaration file that re-exports the CommonJS
//                                ones (`import`, bundlers, edge runtimes): one copy of the types
// and the root package's deprecated entry (dist/lib), which only re-exports the workspace package.
// Only the declarations the entry reaches are kept: the emulator's internals ship as code, not types.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const pkg = join(root, 'packages', 'webhooks');
const esm = join(pkg, 'dist', 'esm');
const cjs = join(pkg, 'dist', 'cjs');
const entry = join(pkg, 'src', 'index.ts');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  legalComments: 'none',
  // Whitespace and syntax only: names stay, so a stack trace still says where (and the package
  // stays under its 300 KB install budget with the emulator and declarations for both systems).
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
};

rmSync(join(pkg, 'dist'), { recursive: true, force: true });
execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(pkg, 'tsconfig.json')], {
  cwd: root,
  stdio: 'inherit',
});
pruneDeclarations(join(cjs, 'index.d.ts'));
writeFileSync(join(cjs, 'package.json'), `${JSON.stringify({ type: 'commonjs' }, null, 2)}\n`);

await build({
  ...common,
  entryPoints: { index: entry },
  outdir: esm,
  format: 'esm',
  splitting: true,
  chunkNames: '[name]-[hash]',
});

writeFileSync(join(esm, 'index.d.ts'), "export * from '../cjs/index.js';\n");
await build({
  ...common,
  entryPoints: [entry],
  outfile: join(cjs, 'index.js'),
  format: 'cjs',
  // import() of the emulator becomes a lazy initialiser inside the one bundle.
  supported: { 'dynamic-import': false },
});
if (!existsSync(join(cjs, 'index.d.ts'))) throw new Error('the library build wrote no dist/cjs/index.d.ts');

// salesloft-hooks' own entry (0.3's `import … from 'salesloft-hooks'`): the workspace package, re-exported.
const lib = join(root, 'dist', 'lib');
rmSync(lib, { recursive: true, force: true });
mkdirSync(join(lib, 'cjs'), { recursive: true });
const name = '@salesloft-hooks/webhooks';
const deprecated = `// Deprecated: import from ${name}, which this re-exports.\n`;
writeFileSync(join(lib, 'index.js'), `${deprecated}export * from '${name}';\n`);
writeFileSync(join(lib, 'index.d.ts'), `${deprecated}export * from '${name}';\n`);
writeFileSync(join(lib, 'cjs', 'package.json'), `${JSON.stringify({ type: 'commonjs' }, null, 2)}\n`);
writeFileSync(join(lib, 'cjs', 'index.js'), `${deprecated}module.exports = require('${name}');\n`);
writeFileSync(join(lib, 'cjs', 'index.d.ts'), `${deprecated}export * from '${name}';\n`);

/** Deletes every declaration file that `start` does not reach through its imports. */
function pruneDeclarations(start) {
  const reached = new Set();
  const visit = (file) => {
    if (reached.has(file)) return;
    reached.add(file);
    const text = readFileSync(file, 'utf8');
    for (const [, specifier] of text.matchAll(/(?:from|import\()\s*['"](\.[^'"]+)['"]/g)) {
      visit(resolve(dirname(file), specifier.replace(/\.js$/, '.d.ts')));
    }
  };
  visit(start);
  for (const item of readdirSync(cjs, { recursive: true, withFileTypes: true })) {
    const path = join(item.parentPath, item.name);
    if (item.isFile() && !reached.has(path)) rmSync(path);
  }
  for (const item of readdirSync(cjs, { withFileTypes: true })) {
    const path = join(cjs, item.name);
    if (item.isDirectory() && readdirSync(path, { recursive: true }).every((n) => !n.endsWith('.d.ts')))
      rmSync(path, { recursive: true });
  }
  console.error(`library declarations: ${reached.size} files from ${relative(root, start)}`);
}
