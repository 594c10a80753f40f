import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, ROOT } from '../support/cli.js';
import { installInto, packTarball, run } from '../support/pack.js';

const FIXTURES = join(ROOT, 'test', 'e2e', 'library');
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
let tarball = '';
let app = '';

/** Runs a fixture copied into the app folder, as the app's own file. */
async function runFixture(name: string, nodeArgs: string[] = []): Promise<unknown> {
  copyFileSync(join(FIXTURES, name), join(app, name));
  const { stdout } = await run(process.execPath, [...nodeArgs, name], { cwd: app, timeout: 60_000 });
  return JSON.parse(stdout);
}

/** The TypeScript compiler's diagnostics for `file` under `module` and `resolution`, strict. */
async function typeCheck(file: string, module: string, resolution: string): Promise<string> {
  const args = [TSC, '--noEmit', '--strict', '--target', 'es2022', '--lib', 'es2022,dom'];
  args.push(
    '--types',
    'node',
    '--typeRoots',
    join(ROOT, 'node_modules', '@types'),
    '--skipLibCheck',
    'false',
  );
  args.push('--module', module, '--moduleResolution', resolution, file);
  const checked = await run(process.execPath, args, { cwd: app }).catch((error: { stdout: string }) => error);
  return checked.stdout;
}

describe('the library, from the packed tarball in an empty app', () => {
  beforeAll(async () => {
    tarball = await packTarball();
    // A library user's install: no optional dependency (the ngrok SDK), with Express and Fastify.
    app = await installInto([tarball, 'express@5', 'fastify@5'], ['--omit=optional']);
  }, 300_000);

  it('installs light: no ngrok SDK, and no oclif or CLI sources to load', () => {
    const installed = join(app, 'node_modules');
    expect(existsSync(join(installed, '@ngrok'))).toBe(false);
    expect(existsSync(join(installed, '@oclif'))).toBe(false);
    expect(existsSync(join(installed, 'salesloft-hooks', 'dist', 'commands'))).toBe(false);
    expect(existsSync(join(installed, 'salesloft-hooks', 'dist', 'lib', 'cjs', 'index.js'))).toBe(true);
  });

  it('without the optional ngrok SDK, listen --tunnel ngrok says how to install it (exit 4)', async () => {
    const listen = await run(
      'npx',
      ['--no-install', 'salesloft-hooks', 'listen', '--tunnel', 'ngrok', '--event', 'note_created'],
      {
        cwd: app,
        env: cleanEnv({
          NGROK_AUTHTOKEN: 'not-a-real-token',
          SALESLOFT_API_KEY: 'k',
          SALESLOFT_API_URL: 'http://127.0.0.1:9',
        }),
      },
    ).catch((error: { code: number; stderr: string }) => error);
    expect(listen).toMatchObject({
      code: 4,
      stderr: expect.stringContaining(
        'The ngrok tunnel needs @ngrok/ngrok, an optional dependency that is not installed here',
      ),
    });
  });

  it('a real Express app (ESM) receives the emulator’s deliveries through the middleware; a 500 is retried and handled, a forgery is 401', async () => {
    const result = (await runFixture('express.mjs')) as Record<string, unknown>;
    expect(result).toEqual({
      fired: expect.any(Number),
      handled: [result.fired],
      errors: ['A handler of person_updated failed: the database blinked'],
      attempts: [[500, 200]],
      forged: 401,
      other: { parsed: { a: 1 } },
    });
  });

  it('a real Fastify app (CommonJS, require) receives them through the same middleware, dispatched by a list of types', async () => {
    expect(await runFixture('fastify.cjs')).toEqual({
      handled: [
        ['task_created', 'Call Ada'],
        ['task_completed', expect.any(String)],
      ],
      attempts: [[200], [200]],
    });
  });

  it('on a runtime without node: modules, the Fetch handler and verifyWebhookAsync verify with Web Crypto', async () => {
    copyFileSync(join(FIXTURES, 'no-node-builtins.mjs'), join(app, 'no-node-builtins.mjs'));
    expect(await runFixture('edge.mjs', ['--import', './no-node-builtins.mjs'])).toEqual({
      good: 200,
      forged: 401,
      seen: ['Send pricing'],
      eventType: 'task_created',
      sync: 'node:crypto is not available here: use the async verification (Web Crypto)',
    });
  });

  it('strict TypeScript under nodenext and node10: a typed handler compiles, a typo does not', async () => {
    for (const name of ['typed.mts', 'typo.mts']) copyFileSync(join(FIXTURES, name), join(app, name));
    writeFileSync(join(app, 'typed.ts'), readFileSync(join(FIXTURES, 'typed.mts')));
    writeFileSync(join(app, 'typo.ts'), readFileSync(join(FIXTURES, 'typo.mts')));
    expect(await typeCheck('typed.mts', 'nodenext', 'nodenext')).toBe('');
    expect(await typeCheck('typed.ts', 'commonjs', 'node10')).toBe('');
    for (const [file, module, resolution] of [
      ['typo.mts', 'nodenext', 'nodenext'],
      ['typo.ts', 'commonjs', 'node10'],
    ] as const) {
      const errors = await typeCheck(file, module, resolution);
      expect(errors, resolution).toMatch(/\(4,\d+\): error TS2769: No overload matches this call/);
      expect(errors, resolution).toMatch(
        /\(5,\d+\): error TS2551: Property 'frist_name' does not exist on type 'Person'/,
      );
      expect(errors, resolution).toMatch(
        /\(8,\d+\): error TS2345: Argument of type '"persn_updated"' is not assignable/,
      );
    }
  }, 120_000);

  it('@arethetypeswrong finds no problem for node10, node16 (CJS and ESM) and bundlers, and publint none', async () => {
    const attw = join(ROOT, 'node_modules', '@arethetypeswrong', 'cli', 'dist', 'index.js');
    const { stdout } = await run(process.execPath, [
      attw,
      tarball,
      '--format',
      'ascii',
      '--no-emoji',
      '--no-color',
    ]);
    expect(stdout).toContain('No problems found');
    for (const line of [
      'node10: OK',
      'node16 (from CJS): OK (CJS)',
      'node16 (from ESM): OK (ESM)',
      'bundler: OK',
    ]) {
      expect(stdout).toContain(line);
    }
    const publint = join(ROOT, 'node_modules', 'publint', 'src', 'cli.js');
    const linted = await run(process.execPath, [publint, '--strict'], { cwd: ROOT });
    expect(linted.stdout).toContain('All good!');
  }, 120_000);
});
