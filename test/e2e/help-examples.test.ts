import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { ROOT, runCli, tempDir } from '../support/cli.js';
import { emulator } from '../support/emulator.js';

interface Manifest {
  commands: Record<string, { flags: Record<string, { char?: string }>; hidden?: boolean }>;
}
const manifest = JSON.parse(readFileSync(join(ROOT, 'oclif.manifest.json'), 'utf8')) as Manifest;
const ids = Object.keys(manifest.commands).filter((id) => !id.includes(':') && id !== 'help');

/** A help section's lines (without its two-space indentation). */
function section(help: string, name: string): string[] {
  const lines = help.split('\n');
  const start = lines.indexOf(name);
  if (start === -1) return [];
  const end = lines.findIndex((line, index) => index > start && /^[A-Z][A-Z ]+$/.test(line));
  return lines.slice(start + 1, end === -1 ? undefined : end).map((line) => line.replace(/^ {2}/, ''));
}

/** The indented blocks of a description (samples), dedented: what a user would copy. */
function samples(description: string[]): string[] {
  const blocks: string[][] = [];
  let current: string[] | undefined;
  for (const line of description) {
    if (/^\s+\S/.test(line)) {
      current ??= [];
      current.push(line);
    } else if (current) {
      blocks.push(current);
      current = undefined;
    }
  }
  if (current) blocks.push(current);
  return blocks.map((block) => {
    const indent = Math.min(...block.map((line) => /^\s*/.exec(line)?.[0].length ?? 0));
    return block.map((line) => line.slice(indent)).join('\n');
  });
}

describe('every example in --help works when copied', () => {
  it('each example names a command and only flags it has', async () => {
    const problems: string[] = [];
    for (const id of ids) {
      const help = (await runCli([id, '--help'])).stdout;
      const examples = section(help, 'EXAMPLES').filter((line) => line.startsWith('$ salesloft-hooks'));
      for (const example of examples) {
        const words = example.replace(/^\$ salesloft-hooks /, '').split(/\s+/);
        if (words[0] !== id) problems.push(`${id}: "${example}" runs ${words[0]}`);
        const flags = manifest.commands[id]?.flags ?? {};
        for (const word of words.filter((w) => w.startsWith('--'))) {
          const name = word.slice(2).split('=')[0] as string;
          const known = name in flags || (name.startsWith('no-') && name.slice(3) in flags);
          if (!known) problems.push(`${id}: "${example}" has ${word}, not a flag of ${id}`);
        }
      }
    }
    expect(problems).toEqual([]);
  }, 120_000);

  it('a sample file in a description parses as YAML as copied; sync’s is a valid sync file', async () => {
    const found: string[] = [];
    for (const id of ids) {
      const help = (await runCli([id, '--help'])).stdout;
      for (const sample of samples(section(help, 'DESCRIPTION')).filter((text) => /^\S+:/m.test(text))) {
        expect(() => YAML.parse(sample), `${id}:\n${sample}`).not.toThrow();
        found.push(id);
        if (id === 'sync') {
          const emu = await emulator();
          const file = join(tempDir('slh-sync-'), 'salesloft-hooks.yaml');
          writeFileSync(file, sample);
          const check = await runCli(['sync', '--file', file, '--check'], {
            env: {
              SALESLOFT_API_URL: emu.url,
              SALESLOFT_API_KEY: 'ak_test',
              SALESLOFT_CALLBACK_TOKEN: 'tok',
            },
          });
          // Drift (the team has none of it yet), not an invalid file.
          expect(check.code, check.stderr).toBe(1);
        }
      }
    }
    expect(found).toContain('sync');
  }, 120_000);
});
