import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../support/cli.js';

// The stand-ins scripts/bundle.js puts in place of some of oclif's dependencies inside the
// bundle: each must answer as the module it replaces does.
const require = createRequire(import.meta.url);
const shim = (name: string) => require(join(ROOT, 'scripts', 'bundle', `${name}.cjs`));
const stringWidth = require('string-width') as (text: string) => number;

describe('the string-width stand-in', () => {
  it('measures as string-width does: printable ASCII, escapes, wide and combining characters', () => {
    const measure = shim('string-width') as (text: string) => number;
    const samples = [
      '',
      'list --json',
      'Subscribe a callback URL to event types: one subscription per event, all or nothing.',
      '\u001b[33mlst\u001b[39m',
      'tab\there',
      'café',
      '日本語',
      '👍 ok',
      'e\u0301',
    ];
    let seed = 7;
    for (let n = 0; n < 500; n++) {
      let text = '';
      for (let i = 0; i < n % 40; i++) {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        text += String.fromCharCode(32 + (seed % 95));
      }
      samples.push(text);
    }
    for (const text of samples) expect(measure(text), JSON.stringify(text)).toBe(stringWidth(text));
  });
});

describe('the node:fs/promises stand-in', () => {
  it('reads, lists, stats and checks as fs/promises does, and rejects with the same codes', async () => {
    const fake = shim('fs-promises') as typeof import('node:fs/promises');
    const real = await import('node:fs/promises');
    const dir = mkdtempSync(join(tmpdir(), 'slh-shim-'));
    writeFileSync(join(dir, 'a.json'), '{"a":1}');
    expect(await fake.readFile(join(dir, 'a.json'), 'utf8')).toBe(
      await real.readFile(join(dir, 'a.json'), 'utf8'),
    );
    expect(await fake.readdir(dir)).toEqual(await real.readdir(dir));
    expect((await fake.stat(dir)).isDirectory()).toBe(true);
    await expect(fake.access(join(dir, 'a.json'))).resolves.toBeUndefined();
    for (const call of [
      (fs: typeof fake) => fs.readFile(join(dir, 'missing')),
      (fs: typeof fake) => fs.stat(join(dir, 'missing')),
      (fs: typeof fake) => fs.access(join(dir, 'missing')),
    ]) {
      const [mine, theirs] = await Promise.all([call(fake).catch((e) => e), call(real).catch((e) => e)]);
      expect(mine.code).toBe('ENOENT');
      expect(mine.code).toBe(theirs.code);
    }
  });
});

describe('the wsl-utils stand-in', () => {
  it('says whether this is WSL as wsl-utils does', async () => {
    const { isWsl } = await import('wsl-utils');
    expect(shim('wsl-utils').isWsl).toBe(isWsl);
  });
});

describe('the debug stand-in', () => {
  it('is silent and disabled without DEBUG, and extends namespaces as debug does', () => {
    const make = shim('debug') as (ns: string) => {
      enabled: boolean;
      namespace: string;
      extend: (s: string) => { namespace: string };
    };
    const saved = process.env.DEBUG;
    delete process.env.DEBUG;
    try {
      const log = make('oclif:main');
      expect(log.enabled).toBe(false);
      expect(log.extend('config').namespace).toBe('oclif:main:config');
    } finally {
      if (saved !== undefined) process.env.DEBUG = saved;
    }
  });
});

describe('one-column text (the string-width and wrap-ansi stand-ins’ fast path)', () => {
  it('is only characters string-width measures as one column, unchanged by normalisation', () => {
    const oneColumn = shim('one-column') as RegExp;
    let count = 0;
    for (let code = 0; code <= 0xffff; code++) {
      const char = String.fromCharCode(code);
      if (!oneColumn.test(char)) continue;
      count++;
      expect(stringWidth(char), code.toString(16)).toBe(1);
      expect(char.normalize(), code.toString(16)).toBe(char);
      expect(char === ' ' || char.trim() === char, code.toString(16)).toBe(true);
    }
    expect(count).toBeGreaterThan(95 + 90);
  });
});

describe('the wrap-ansi stand-in', () => {
  type Options = { hard?: boolean; trim?: boolean; wordWrap?: boolean };
  type Wrap = (text: string, columns: number, options?: Options) => string;
  const wrapAnsi = require('wrap-ansi') as Wrap;
  const wrap = shim('wrap-ansi') as Wrap;

  it('wraps as wrap-ansi does, as oclif calls it for help and for errors, one-column text or not', () => {
    let seed = 11;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const alphabet = 'abcdefghij  KLMNO--./:<>[]=|  \n0123456789é’—…·';
    const samples = [
      '',
      ' ',
      '   leading and trailing   ',
      'a\n\nb',
      'Make the team’s subscriptions match a YAML file (subscriptions as code) — all at once…',
      'https://example.com/a/very/long/url/that/is/longer/than/the/column/width/for/sure',
      'word  with  double  spaces',
      '\u001b[33mcolour\u001b[39m and more words',
      'tab\there',
      'crlf\r\nline',
      '日本語 and 👍 and e\u0301',
    ];
    for (let n = 0; n < 3000; n++) {
      let text = '';
      const length = next(120);
      for (let i = 0; i < length; i++) text += alphabet[next(alphabet.length)];
      samples.push(text);
    }
    for (const options of [{ hard: true }, { hard: true, trim: false }] as Options[]) {
      for (const text of samples) {
        for (const columns of [1, 2, 5, 9, 20, 33, 60, 80]) {
          expect(
            wrap(text, columns, options),
            `${JSON.stringify(text)} at ${columns} ${JSON.stringify(options)}`,
          ).toBe(wrapAnsi(text, columns, options));
        }
      }
    }
  });

  it('hands other options to wrap-ansi', () => {
    const text = 'a few words that wrap  somewhere in the middle';
    for (const options of [undefined, { hard: false }, { hard: true, wordWrap: false }, { trim: false }] as (
      | Options
      | undefined
    )[]) {
      expect(wrap(text, 7, options)).toBe(wrapAnsi(text, 7, options));
    }
  });
});

describe('the ejs stand-in', () => {
  type Render = (template: string, data: unknown, options?: unknown) => string;
  const ejs = require('ejs') as { render: Render };
  const render = (shim('ejs') as { render: Render }).render;

  it('renders every text of the manifest as ejs does', () => {
    const manifest = readFileSync(join(ROOT, 'oclif.manifest.json'), 'utf8');
    const texts = new Set<string>();
    JSON.parse(manifest, (_key, value: unknown) => {
      if (typeof value === 'string') texts.add(value);
      return value;
    });
    expect([...texts].filter((text) => text.includes('<%')).length).toBeGreaterThan(10);
    const data = { config: { bin: 'salesloft-hooks' } };
    for (const text of texts) expect(render(text, data), text).toBe(ejs.render(text, data));
  });

  it('escapes the bin and command id as ejs does, and leaves any other tag to ejs', () => {
    const data = { config: { bin: 'a<b&"c\'' }, command: { id: 'x>y' }, other: 1 };
    for (const text of [
      '$ <%= config.bin %> list',
      '$ <%= config.bin %> <%= command.id %> --flag <value>',
      '<%= config.bin %> and <%= config.bin.length %>',
      '<%- config.bin %>',
      '<%= other %>',
    ]) {
      expect(render(text, data), text).toBe(ejs.render(text, data));
    }
    expect(() => render('<%= config.bin %>', {})).toThrow(ReferenceError);
    expect(render('<%= command.id %>', { command: { id: 7 } })).toBe('7');
  });
});
