import { mkdtempSync, writeFileSync } from 'node:fs';
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
