import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDir } from '../support/cli.js';

const HEAVY = ['undici', '@inquirer/prompts', '@ngrok/ngrok'];

async function modulesLoadedBy(args: string[]): Promise<string[]> {
  const file = join(tempDir('slh-trace-'), 'modules.txt');
  const result = await runCli(args, {
    nodeArgs: ['--import', join(ROOT, 'test', 'support', 'trace-imports.mjs')],
    env: { TRACE_IMPORTS_FILE: file },
  });
  expect(result.code).toBe(0);
  return readFileSync(file, 'utf8').split('\n');
}

describe('start-up path', () => {
  it('the tracer sees the modules that are loaded (so its silence below means something)', async () => {
    const help = await modulesLoadedBy(['--help']);
    expect(help.some((line) => line.includes('@oclif/core'))).toBe(true);
    const events = await modulesLoadedBy(['events']);
    expect(events.some((line) => line.includes('/node_modules/chalk/'))).toBe(true);
  });

  for (const args of [['--help'], ['events'], ['events', '--json'], ['verify', '--help']]) {
    it(`\`${args.join(' ')}\` loads none of ${HEAVY.join(', ')}`, async () => {
      const lines = await modulesLoadedBy(args);
      for (const heavy of HEAVY) {
        expect(
          lines.filter((line) => line.includes(`/node_modules/${heavy}/`) || line.endsWith(` ${heavy}`)),
        ).toEqual([]);
      }
    });
  }
});
