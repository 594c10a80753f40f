import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDir } from '../support/cli.js';

const HEAVY = ['undici', '@inquirer/prompts', '@ngrok/ngrok'];

async function modulesLoadedBy(args: string[], expectedCode = 0): Promise<string[]> {
  const file = join(tempDir('slh-trace-'), 'modules.txt');
  const result = await runCli(args, {
    nodeArgs: ['--import', join(ROOT, 'test', 'support', 'trace-imports.mjs')],
    env: { TRACE_IMPORTS_FILE: file },
  });
  expect(result.code).toBe(expectedCode);
  return readFileSync(file, 'utf8').split('\n');
}

describe('start-up path', () => {
  it('the tracer sees what the bundle loads from node_modules (so its silence below means something)', async () => {
    const list = await modulesLoadedBy(['list', '--api-key', 'k', '--api-url', 'http://127.0.0.1:9'], 4);
    expect(list).toContain('require undici');
    expect(list.some((line) => line.endsWith('/dist/launch.cjs'))).toBe(true);
  });

  it('`events` and `events --json` answer without loading oclif; other commands load it once', async () => {
    const debug = { SALESLOFT_HOOKS_DEBUG: '1' };
    for (const args of [['events'], ['events', '--json']]) {
      const result = await runCli(args, { env: debug });
      expect(result.code).toBe(0);
      expect(result.stderr, args.join(' ')).not.toContain('code cache');
    }
    const help = await runCli(['--help'], { env: debug });
    expect(help.stderr.match(/code cache (used|missing|rejected)/g)).toHaveLength(1);
  });

  for (const args of [
    ['--help'],
    ['--version'],
    ['events'],
    ['events', '--json'],
    ['verify', '--help'],
    ['list', '--help'],
  ]) {
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

describe('the library', () => {
  it('importing salesloft-hooks (dist/index.js) loads neither oclif, undici, @inquirer/prompts nor @ngrok/ngrok', async () => {
    const file = join(tempDir('slh-trace-'), 'modules.txt');
    const script = join(tempDir('slh-lib-'), 'import.mjs');
    writeFileSync(
      script,
      `const lib = await import(${JSON.stringify(join(ROOT, 'dist', 'index.js'))});\nif (lib.EVENT_TYPES.length !== 37) process.exit(3);\n`,
    );
    const child = spawnSync(
      process.execPath,
      ['--import', join(ROOT, 'test', 'support', 'trace-imports.mjs'), script],
      {
        env: { ...process.env, TRACE_IMPORTS_FILE: file },
      },
    );
    expect(child.status).toBe(0);
    const lines = readFileSync(file, 'utf8').split('\n');
    expect(lines.some((line) => line.includes('/dist/catalog/signature.js'))).toBe(true);
    for (const heavy of [...HEAVY, '@oclif/core']) {
      expect(
        lines.filter((line) => line.includes(`/node_modules/${heavy}/`) || line.endsWith(` ${heavy}`)),
      ).toEqual([]);
    }
  });
});
