// The import rules of docs/architecture.md ("Layers"): change that table and this test together.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../../src', import.meta.url));
const PACKAGE = fileURLToPath(new URL('../../packages/webhooks/src', import.meta.url));
// Static and dynamic imports, and require() (the command registry loads commands lazily with it).
const IMPORT = /(?:from\s+|import\s*\(\s*|require\(\s*|^import\s+)'([^']+)'/gm;

/** Every source file (path from `root`) with what it imports: paths from `root` for relative imports, else the package. */
function graph(root = SRC): Map<string, string[]> {
  const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((file) =>
    file.endsWith('.ts'),
  );
  const edges = new Map<string, string[]>();
  for (const file of files) {
    const text = readFileSync(join(root, file), 'utf8');
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

  it('only entry/, cli/ and commands/ import @oclif/core, and nothing below them imports them', () => {
    const shell = (f: string) => ['entry', 'cli', 'commands'].includes(folder(f));
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

  it('entry/ (start-up) is the top: nothing imports it', () => {
    expect(
      violations(
        (f) => folder(f) !== 'entry',
        (t) => !local(t) || folder(t) !== 'entry',
      ),
    ).toEqual([]);
  });

  it('no cycle between folders: if a imports b, nothing in b reaches back to a', () => {
    const folders = new Map<string, Set<string>>();
    for (const [file, targets] of edges) {
      for (const target of targets.filter(local)) {
        if (folder(target) === folder(file)) continue;
        const out = folders.get(folder(file)) ?? new Set<string>();
        out.add(folder(target));
        folders.set(folder(file), out);
      }
    }
    const reaches = (from: string, to: string, seen = new Set<string>()): boolean => {
      if (from === to) return true;
      if (seen.has(from)) return false;
      seen.add(from);
      return [...(folders.get(from) ?? [])].some((next) => reaches(next, to, seen));
    };
    const cycles = [...folders].flatMap(([from, targets]) =>
      [...targets].filter((to) => reaches(to, from)).map((to) => `${from} -> ${to} -> ... -> ${from}`),
    );
    expect(cycles).toEqual([]);
    // The check itself sees a cycle when there is one.
    folders.set('send', new Set([...(folders.get('send') ?? []), 'listen']));
    folders.set('listen', new Set([...(folders.get('listen') ?? []), 'send']));
    expect(reaches('listen', 'send') && reaches('send', 'listen')).toBe(true);
  });

  it('no folder of twelve unrelated files: src/ holds only folders', () => {
    const loose = readdirSync(SRC).filter((name) => name.endsWith('.ts'));
    expect(loose.map((name) => relative(SRC, join(SRC, name)))).toEqual([]);
  });
});

describe('the library package, packages/webhooks/src/', () => {
  const own = graph(PACKAGE);
  const imports = [...own].flatMap(([file, targets]) => targets.map((target) => [file, target] as const));

  it('stands alone: it imports nothing of the CLI and no npm package, only node: modules', () => {
    expect(imports.filter(([, target]) => target.startsWith('..')).map(([f, t]) => `${f} -> ${t}`)).toEqual(
      [],
    );
    expect(
      imports
        .filter(([, target]) => !own.has(target) && !target.startsWith('node:'))
        .map(([f, t]) => `${f} -> ${t}`),
    ).toEqual([]);
  });

  it('the entry loads no node: module: those come in with the emulator, imported on first use, or as types', () => {
    const seen = new Set<string>();
    const statics = /^import\s+(?!type\b)[^;]*?from\s+'([^']+)'/gm;
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const text = readFileSync(join(PACKAGE, file), 'utf8');
      for (const [, spec] of text.matchAll(statics)) {
        const target = (spec as string).startsWith('.')
          ? normalize(join(dirname(file), spec as string)).replace(/\.js$/, '.ts')
          : (spec as string);
        visit(target);
      }
    };
    visit('index.ts');
    expect([...seen].filter((file) => file.startsWith('node:'))).toEqual([]);
    expect([...seen].filter((file) => file.startsWith('emulator/'))).toEqual([]);
  });

  it('is the one source of the catalog and the signature: the CLI imports them and holds no HMAC code', () => {
    const cli = [...edges].flatMap(([, targets]) => targets);
    expect(cli).toContain('../packages/webhooks/src/catalog/event-types.ts');
    expect(cli).toContain('../packages/webhooks/src/catalog/signature.ts');
    const hmac = readdirSync(SRC, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.ts'))
      .filter((file) => /createHmac|importKey\('raw'/.test(readFileSync(join(SRC, file), 'utf8')));
    expect(hmac).toEqual([]);
  });
});
