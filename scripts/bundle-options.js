// The esbuild options of the CLI's bundles (scripts/bundle.js), shared with the bench, which
// builds the same bundle without one patch at a time to show what each patch buys.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
// The launcher's own bundle format, from its source (run under `node --import tsx`).
import { bundleText } from '../src/entry/code-cache.ts';

export function cliOptions(root, extraPlugins = []) {
  const src = join(root, 'src');
  // The modules find their files (the inspector's page, the schema) from import.meta.url; in the
  // bundle each keeps the URL its compiled file has in dist/, so relative paths resolve as before.
  const importMetaUrl = {
    name: 'import-meta-url',
    setup(b) {
      b.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, (args) => {
        const contents = readFileSync(args.path, 'utf8');
        if (!contents.includes('import.meta.url')) return undefined;
        const path = JSON.stringify(relative(src, args.path).replace(/\.ts$/, '.js'));
        return {
          contents: contents.replaceAll(
            'import.meta.url',
            `require('node:url').pathToFileURL(require('node:path').join(__dirname, ${path})).href`,
          ),
          loader: 'ts',
        };
      });
      // The autocomplete plugin exports no entry for its commands: take them by file.
      b.onResolve({ filter: /^@oclif\/plugin-autocomplete\/lib\// }, (args) => ({
        path: join(root, 'node_modules', args.path),
      }));
    },
  };

  return {
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'linked',
    sourcesContent: false,
    legalComments: 'none',
    metafile: true,
    // import() of a bundled module becomes a lazy initialiser; of an external package, require().
    supported: { 'dynamic-import': false },
    external: [
      '@inquirer/prompts',
      '@napi-rs/keyring',
      '@ngrok/ngrok',
      'cli-table3',
      'yaml',
      'typescript',
      'tsx',
      'undici',
    ],
    plugins: [...extraPlugins, importMetaUrl],
    logLevel: 'warning',
  };
}

/**
 * A bundle made plain ASCII (esbuild leaves a C1 control character raw in one of oclif's regular
 * expressions; as a \\u escape it means the same), so that V8 holds its source in one byte a
 * character, then written as bundleText (src/entry/code-cache.ts) makes it, with the line its cache
 * is keyed by.
 */
export function stampBundle(file) {
  const ascii = readFileSync(file, 'utf8').replace(
    /[^\0-\x7f]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  const build = createHash('sha256').update(ascii).digest('hex');
  writeFileSync(file, bundleText(ascii, build));
}
