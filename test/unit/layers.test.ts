import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../../src', import.meta.url));
const IMPORT = /(?:from\s+|import\s*\(\s*|^import\s+)'([^']+)'/gm;

/** Every source file (path from src/) with what it imports: `src/...` paths for relative imports, else the package. */
function graph(): Map<string, string[]> {
  const files = readdirSync(SRC, { recursive: true, encoding: 'utf8' }).filter((file) =>
    file.endsWith('.ts'),
  );
  const edges = new Map<string, string[]>();
  for (const file of files) {
    const text = readFileSync(join(SRC, file), 'utf8');
    const targets = [...text.matchAll(IMPORT)].map(([, spec]) =>
      (spec as string).startsWith('.')
        ? normalize(join(dirname(file), spec as string)).replace(/\.js$/, '.ts')
        : (spec as string),
    );
    edges.set(file, targets);
  }
  return edges;
}

const edges = graph();
const local = (target: string) => edges.has(target);
const folder = (file: string) => file.split('/')[0] as string;

function violations(
  from: (file: string) => boolean,
  allowed: (target: string, file: string) => boolean,
): string[] {
  return [...edges]
    .filter(([file]) => from(file))
    .flatMap(([file, targets]) =>
      targets.filter((target) => !allowed(target, file)).map((t) => `${file} -> ${t}`),
    );
}

describe('the layers of src/', () => {
  it('shared/ imports nothing of the project but shared/', () => {
    expect(
      violations(
        (f) => folder(f) === 'shared',
        (t) => !local(t) || folder(t) === 'shared',
      ),
    ).toEqual([]);
  });

  it('catalog/ imports only catalog/ and shared/; net/ only net/ and shared/', () => {
    expect(
      violations(
        (f) => folder(f) === 'catalog',
        (t) => !local(t) || ['catalog', 'shared'].includes(folder(t)),
      ),
    ).toEqual([]);
    expect(
      violations(
        (f) => folder(f) === 'net',
        (t) => !local(t) || ['net', 'shared'].includes(folder(t)),
      ),
    ).toEqual([]);
  });

  it('only cli/ and commands/ import @oclif/core, and nothing below them imports cli/ or commands/', () => {
    const shell = (f: string) => ['cli', 'commands'].includes(folder(f));
    expect(
      violations(
        (f) => !shell(f),
        (t) => !t.startsWith('@oclif/'),
      ),
    ).toEqual([]);
    expect(
      violations(
        (f) => !shell(f),
        (t) => !local(t) || !shell(t),
      ),
    ).toEqual([]);
  });

  it.skipIf(!existsSync(join(SRC, 'index.ts')))('the library entry reaches no cli/ code', () => {
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file) || !local(file)) return;
      seen.add(file);
      for (const target of edges.get(file) ?? []) visit(target);
    };
    visit('index.ts');
    expect([...seen].filter((file) => folder(file) === 'cli')).toEqual([]);
  });

  it('no folder of twelve unrelated files: src/ holds only folders and the library entry', () => {
    const loose = readdirSync(SRC).filter((name) => name.endsWith('.ts') && name !== 'index.ts');
    expect(loose.map((name) => relative(SRC, join(SRC, name)))).toEqual([]);
  });
});
