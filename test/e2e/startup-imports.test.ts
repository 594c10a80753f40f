import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDir } from '../support/cli.js';
import { onTerminal } from '../support/pty.js';

const PACKAGES = ['@inquirer/prompts', '@ngrok/ngrok', 'undici'];
/** What only some commands need: the HTTP client (undici, and node:http under it), prompts and the tunnel. */
const HEAVY = ['node:http', 'node:https', ...PACKAGES];

/**
 * What a run loads: modules through require or import, and the bundle loaded with a code
 * cache (dist/cli.cjs), which leaves a file in a fresh cache directory instead.
 */
async function modulesLoadedBy(args: string[], expectedCode = 0): Promise<string[]> {
  const file = join(tempDir('slh-trace-'), 'modules.txt');
  const cache = tempDir('slh-cache-');
  const result = await runCli(args, {
    nodeArgs: ['--import', join(ROOT, 'test', 'support', 'trace-imports.mjs')],
    env: { TRACE_IMPORTS_FILE: file, SALESLOFT_HOOKS_CACHE_DIR: cache },
  });
  expect(result.code).toBe(expectedCode);
  const bundles = existsSync(join(cache, 'code')) ? readdirSync(join(cache, 'code')) : [];
  return [
    ...readFileSync(file, 'utf8').split('\n'),
    ...bundles.map((name) => `bundle ${name.split('-')[0]}`),
  ];
}

describe('start-up path', () => {
  it('the tracer sees what the bundle loads from node_modules (so its silence below means something)', async () => {
    const file = join(tempDir('slh-sync-'), 'hooks.yaml');
    writeFileSync(file, 'subscriptions: []\n');
    const sync = await modulesLoadedBy(['sync', '-f', file, '--check'], 2);
    expect(sync).toContain('require yaml');
    expect(sync).toContain('require ../dist/launch.cjs');
  });

  it('and the bundles a command loads: undici’s only for a request, from dist/undici.cjs; oclif for anything but `events`', async () => {
    const list = await modulesLoadedBy(['list', '--api-key', 'k', '--api-url', 'http://127.0.0.1:9'], 4);
    expect(list).toContain('bundle undici');
    expect(list).toContain('bundle cli');
    expect(
      list.filter((line) => line.includes('/node_modules/undici/') || line === 'require undici'),
    ).toEqual([]);
    expect(list).not.toContain('require node:https');
    const events = await modulesLoadedBy(['events']);
    expect(events.filter((line) => line.startsWith('bundle'))).toEqual([]);
  });

  it('a parse error and an unknown command load no HTTP client', async () => {
    for (const [args, code] of [
      [['subscribe', '--bogus'], 2],
      [['lst'], 127],
    ] as const) {
      const lines = await modulesLoadedBy([...args], code);
      expect(lines).toContain('bundle cli');
      expect(lines.filter((line) => line === 'bundle undici' || line.endsWith(' node:http'))).toEqual([]);
    }
  });

  it('`events`, `events --json`, `--version`, `-v`, `version` and `version --json` answer without loading oclif; other commands load it once', async () => {
    const debug = { SALESLOFT_HOOKS_DEBUG: '1' };
    for (const args of [
      ['events'],
      ['events', '--json'],
      ['--version'],
      ['-v'],
      ['version'],
      ['version', '--json'],
    ]) {
      const result = await runCli(args, { env: debug });
      expect(result.code).toBe(0);
      expect(result.stderr, args.join(' ')).not.toContain('code cache');
    }
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect((await runCli(['--version'])).stdout).toBe(
      `salesloft-hooks/${version} ${process.platform}-${process.arch} node-${process.version}\n`,
    );
    const json = {
      name: 'salesloft-hooks',
      version,
      node: process.versions.node,
      platform: process.platform,
      arch: process.arch,
    };
    expect(JSON.parse((await runCli(['version', '--json'])).stdout)).toEqual(json);
    // oclif's own answer says the same (bin/dev.mjs does not take the launcher's shortcut).
    const dev = spawnSync(
      process.execPath,
      ['--import', 'tsx', '--no-warnings', join(ROOT, 'bin', 'dev.mjs'), 'version', '--json'],
      {
        encoding: 'utf8',
        cwd: ROOT,
      },
    );
    expect({ ...JSON.parse(dev.stdout), version }).toEqual(json);
    // With more, oclif answers as before.
    expect((await runCli(['version', '--json', '--verbose'], { env: debug })).stderr).toContain('code cache');
    const help = await runCli(['list', '--help'], { env: debug });
    expect(help.stderr.match(/code cache (used|missing|rejected)/g)).toHaveLength(1);
  });

  it('help is printed by the launcher from what oclif rendered last in the same setting', async () => {
    const cache = tempDir('slh-cache-');
    const code = join(cache, 'code');
    const state = tempDir('slh-state-');
    /** A run, and whether it loaded oclif's bundle (which leaves its code cache behind). */
    const run = async (args: string[], env: Record<string, string> = {}, exitCode = 0) => {
      for (const name of existsSync(code) ? readdirSync(code) : []) {
        if (name.endsWith('.v8')) rmSync(join(code, name));
      }
      const result = await runCli(args, {
        env: { SALESLOFT_HOOKS_CACHE_DIR: cache, SALESLOFT_HOOKS_STATE_DIR: state, ...env },
      });
      expect(result.code).toBe(exitCode);
      return { stdout: result.stdout, oclif: readdirSync(code).some((name) => name.endsWith('.v8')) };
    };
    const first = await run(['--help']);
    expect(first.oclif).toBe(true);
    expect(first.stdout).toMatch(/^Manage, receive, verify.*\n\nVERSION\n/s);
    expect(first.stdout).toContain('\n  listen  ');
    for (const args of [['--help'], ['-h'], ['help'], []]) {
      const fast = await run(args);
      expect(fast.stdout, args.join(' ')).toBe(first.stdout);
      expect(fast.oclif, args.join(' ')).toBe(false);
    }
    // A command's help too, under each of its spellings.
    const listen = await run(['listen', '--help']);
    expect(listen.oclif).toBe(true);
    expect(listen.stdout).toMatch(/^Receive, verify, show and forward/);
    for (const args of [
      ['listen', '--help'],
      ['listen', '-h'],
      ['help', 'listen'],
    ]) {
      expect(await run(args), args.join(' ')).toEqual({ ...listen, oclif: false });
    }
    // Not a command, or more than help: oclif answers.
    expect((await run(['help', 'lst'], {}, 2)).oclif).toBe(true);
    expect((await run(['listen', '--help', '--json'])).oclif).toBe(true);
    // Another width is another text: oclif renders it, and that is kept beside the first.
    const narrow = await run(['--help'], { OCLIF_COLUMNS: '50' });
    expect(narrow.oclif).toBe(true);
    expect(narrow.stdout).toContain('  autocomplete  Display autocomplete installation\n');
    expect(await run(['--help'], { OCLIF_COLUMNS: '50' })).toEqual({ ...narrow, oclif: false });
    expect((await run(['--help'])).stdout).toBe(first.stdout);
    // A file not this user's alone is not printed.
    for (const name of readdirSync(code)) if (name.startsWith('help-')) chmodSync(join(code, name), 0o666);
    expect((await run(['--help'])).oclif).toBe(true);
  });

  it('the root help on a terminal is its own text, with colour, and kept as such', async () => {
    const cache = tempDir('slh-cache-');
    const env = { SALESLOFT_HOOKS_CACHE_DIR: cache, SALESLOFT_HOOKS_STATE_DIR: tempDir('slh-state-') };
    const piped = await runCli(['--help'], { env });
    for (let round = 0; round < 2; round++) {
      const terminal = onTerminal(['--help'], env);
      expect(await terminal.ended()).toEqual({ code: 0, signal: null });
      expect(terminal.screen()).toContain('\u001b[1mVERSION\u001b[22m');
    }
    expect(readdirSync(join(cache, 'code')).filter((name) => name.startsWith('help-'))).toHaveLength(2);
    expect((await runCli(['--help'], { env })).stdout).toBe(piped.stdout);
    expect(piped.stdout).not.toContain('\u001b[');
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
          lines.filter(
            (line) =>
              line.includes(`/node_modules/${heavy}/`) ||
              line.endsWith(` ${heavy}`) ||
              line === `bundle ${heavy}`,
          ),
        ).toEqual([]);
      }
    });
  }
});

describe('the library', () => {
  it.each([
    ['import', 'packages/webhooks/dist/esm/index.js', 'const lib = await import'],
    ['require', 'packages/webhooks/dist/cjs/index.js', 'const lib = require'],
    ['import', 'dist/lib/index.js', 'const lib = await import'],
    ['require', 'dist/lib/cjs/index.js', 'const lib = require'],
  ])(
    '%s of %s loads neither oclif, undici, @inquirer/prompts nor @ngrok/ngrok, nor any CLI module',
    async (how, entry, load) => {
      const file = join(tempDir('slh-trace-'), 'modules.txt');
      const script = join(tempDir('slh-lib-'), how === 'import' ? 'load.mjs' : 'load.cjs');
      const path = JSON.stringify(join(ROOT, entry));
      writeFileSync(script, `${load}(${path});\nif (lib.EVENT_TYPES.length !== 37) process.exit(3);\n`);
      const child = spawnSync(
        process.execPath,
        ['--import', join(ROOT, 'test', 'support', 'trace-imports.mjs'), script],
        {
          env: { ...process.env, TRACE_IMPORTS_FILE: file },
        },
      );
      expect(child.status).toBe(0);
      const lines = readFileSync(file, 'utf8').split('\n');
      expect(lines.some((line) => line.includes(`/${entry}`))).toBe(true);
      // The root package's entry only re-exports the workspace package.
      expect(
        lines.some(
          (line) => line.includes('packages/webhooks/dist/') || line.endsWith(' @salesloft-hooks/webhooks'),
        ),
      ).toBe(true);
      for (const heavy of [...PACKAGES, '@oclif/core']) {
        expect(
          lines.filter((line) => line.includes(`/node_modules/${heavy}/`) || line.endsWith(` ${heavy}`)),
        ).toEqual([]);
      }
      expect(lines.filter((line) => /\/(cli|commands|listen)\//.test(line))).toEqual([]);
      // ES modules: no node: module at load, so the library loads on an edge runtime too.
      if (how === 'import') expect(lines.filter((line) => line.includes('node:'))).toEqual([]);
    },
  );
});
