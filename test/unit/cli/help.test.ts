import { readFileSync } from 'node:fs';
import { HelpFormatter } from '@oclif/core/help';
import type * as Interfaces from '@oclif/core/interfaces';
import { describe, expect, it } from 'vitest';
import { Help } from '../../../src/cli/help.js';
import { ROOT } from '../../support/cli.js';

const configFor = (bin: string) => ({ bin, theme: undefined }) as unknown as Interfaces.Config;
const helpFor = (bin: string) => new Help(configFor(bin));
/** oclif's own rendering, through ejs. */
const ejsFor = (bin: string) => new HelpFormatter(configFor(bin));

describe('Help.render', () => {
  it('writes every text of the manifest as oclif does through ejs', () => {
    const manifest = readFileSync(`${ROOT}/oclif.manifest.json`, 'utf8');
    const texts = new Set<string>();
    JSON.parse(manifest, (_key, value: unknown) => {
      if (typeof value === 'string') texts.add(value);
      return value;
    });
    expect([...texts].filter((text) => text.includes('<%')).length).toBeGreaterThan(10);
    const [help, oclif] = [helpFor('salesloft-hooks'), ejsFor('salesloft-hooks')];
    for (const text of texts) expect(help.render(text)).toBe(oclif.render(text));
  });

  it('escapes the bin as ejs does, and leaves any other tag to ejs', () => {
    const [help, oclif] = [helpFor('a<b&"c\''), ejsFor('a<b&"c\'')];
    for (const text of [
      '$ <%= config.bin %> list',
      '<%= config.bin %> and <%= config.bin.length %>',
      '<%- config.bin %>',
    ]) {
      expect(help.render(text)).toBe(oclif.render(text));
    }
  });
});
