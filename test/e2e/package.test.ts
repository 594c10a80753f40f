import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, ROOT } from '../support/cli.js';
import { installInto, packTarball, run } from '../support/pack.js';

const FIXTURES = join(ROOT, 'test', 'e2e', 'library');
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
let tarball = '';
let app = '';
let webhooksTarball = '';
let libraryApp = '';

/** Runs a fixture copied into the app folder, as the app's own file. */
async function runFixture(name: string, nodeArgs: string[] = [], into = app): Promise<unknown> {
  copyFileSync(join(FIXTURES, name), join(into, name));
  const { stdout } = await run(process.execPath, [...nodeArgs, name], { cwd: into, timeout: 60_000 });
  return JSON.parse(stdout);
}

/** The TypeScript compiler's diagnostics for `files` under `module` and `resolution`, strict. */
async function typeCheck(files: readonly string[], module: string, resolution: string): Promise<string> {
  const args = [TSC, '--noEmit', '--strict', '--target', 'es2022', '--lib', 'es2022,dom'];
  args.push(
    '--types',
    'node',
    '--typeRoots',
    join(ROOT, 'node_modules', '@types'),
    '--skipLibCheck',
    'false',
  );
  args.push('--module', module, '--moduleResolution', resolution, ...files);
  const checked = await run(process.execPath, args, { cwd: libraryApp }).catch(
    (error: { stdout: string }) => error,
  );
  return checked.stdout;
}

/** What @arethetypeswrong says of a tarball: no problem for node10, node16 (CJS and ESM) and bundlers. */
async function expectTypesRight(packed: string): Promise<void> {
  const attw = join(ROOT, 'node_modules', '@arethetypeswrong', 'cli', 'dist', 'index.js');
  const { stdout } = await run(process.execPath, [
    attw,
    packed,
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
}

/** publint's verdict on a package folder, strict. */
async function expectPublintClean(folder: string): Promise<void> {
  const publint = join(ROOT, 'node_modules', 'publint', 'src', 'cli.js');
  const linted = await run(process.execPath, [publint, '--strict'], { cwd: folder });
  expect(linted.stdout).toContain('All good!');
}

describe('the CLI package, from its tarball in an empty app', () => {
  beforeAll(async () => {
    [tarball, webhooksTarball] = await Promise.all([packTarball(), packTarball('packages/webhooks')]);
    // A CLI user's install: no optional dependency (the ngrok SDK), with Express and Fastify, and the
    // library package the CLI depends on from its own tarball (it is not on the registry yet).
    // Express and Fastify are this repository's dev dependencies, linked rather than fetched again.
    const devDependency = (name: string) => join(ROOT, 'node_modules', name);
    app = await installInto(
      [tarball, webhooksTarball, devDependency('express'), devDependency('fastify')],
      ['--omit=optional'],
    );
  }, 300_000);

  it('the CLI runs from the install without dev dependencies; the tarball holds the bundles, notices and SBOM', async () => {
    const { stdout: listing } = await run('tar', ['-tzf', tarball]);
    expect(listing).toContain('package/oclif.manifest.json');
    expect(listing).toContain('package/dist/cli.cjs');
    expect(listing).toContain('package/dist/cli.cjs.map');
    expect(listing).toContain('package/dist/undici.cjs');
    expect(listing).toContain('package/THIRD_PARTY_NOTICES');
    expect(listing).toContain('package/sbom.cdx.json');
    expect(listing).toContain('package/bin/package.json');
    expect(listing).toContain('package/LICENSE');
    expect(listing).not.toMatch(/package\/(src|test|bench)\//);
    // The bundle carries the patched oclif (patches/): the stdout listener that lets listen clean up.
    const bundle = execFileSync('tar', ['-xzOf', tarball, 'package/dist/cli.cjs'], {
      encoding: 'utf8',
      maxBuffer: 64 << 20,
    });
    expect(bundle).toContain('process.stdout.listenerCount("error") > 1');

    const npx = (...args: string[]) => run('npx', ['--no-install', 'salesloft-hooks', ...args], { cwd: app });
    expect((await npx('--version')).stdout).toMatch(/^salesloft-hooks\/0\.\d+\.\d+ /);
    expect(JSON.parse((await npx('events', '--json')).stdout)).toHaveLength(37);
    const help = (await npx('--help')).stdout;
    for (const command of ['listen', 'subscribe', 'sync', 'emulator', 'trigger'])
      expect(help).toContain(command);
    expect((await npx('list', '--help')).stdout).toContain('--api-key');
    // oclif, its plugins and chalk are inside the bundle: the install does not hold them, and
    // what the bundles hold is listed for an auditor (notices and SBOM) with the licence texts.
    expect(readdirSync(join(app, 'node_modules'))).not.toContain('@oclif');
    const installed = join(app, 'node_modules', 'salesloft-hooks');
    const notices = readFileSync(join(installed, 'THIRD_PARTY_NOTICES'), 'utf8');
    for (const name of ['@oclif/core', 'chalk', 'undici', 'ejs', 'string-width']) {
      expect(notices).toMatch(new RegExp(`^${name.replace('/', '\\/')}@\\d+\\.\\d+\\.\\d+ \\(`, 'm'));
    }
    expect(notices).toContain('Permission is hereby granted');
    const sbom = JSON.parse(readFileSync(join(installed, 'sbom.cdx.json'), 'utf8')) as {
      bomFormat: string;
      components: { name: string; purl: string }[];
    };
    expect(sbom.bomFormat).toBe('CycloneDX');
    expect(sbom.components.map((component) => component.name)).toEqual(
      expect.arrayContaining(['@oclif/core', '@oclif/plugin-help', 'chalk', 'undici']),
    );
    writeFileSync(join(app, 'body.json'), '{}');
    const verify = await npx(
      'verify',
      '--token',
      't',
      '--signature',
      '0'.repeat(40),
      '--body-file',
      'body.json',
    ).catch((error: { code: number; stdout: string }) => error);
    expect(verify).toMatchObject({ code: 1, stdout: expect.stringContaining('invalid') });
    const unknown = await run('npx', ['--no-install', 'salesloft-hooks', 'lst'], {
      cwd: app,
      env: { ...process.env, NODE_ENV: 'development' },
    }).catch((error: { code: number; stderr: string }) => error);
    expect({ ...unknown, stderr: stripVTControlCharacters(unknown.stderr) }).toMatchObject({
      code: 127,
      stderr: expect.stringMatching(/^ › {3}Warning: lst is not a salesloft-hooks command\./),
    });
  });

  it('installs light: no ngrok SDK, and no oclif or CLI sources to load', () => {
    const installed = join(app, 'node_modules');
    expect(existsSync(join(installed, '@ngrok'))).toBe(false);
    expect(existsSync(join(installed, '@oclif'))).toBe(false);
    expect(existsSync(join(installed, 'salesloft-hooks', 'dist', 'commands'))).toBe(false);
    expect(existsSync(join(installed, 'salesloft-hooks', 'dist', 'lib', 'cjs', 'index.js'))).toBe(true);
    // The library is its own package; the CLI's entry only re-exports it.
    expect(existsSync(join(installed, '@salesloft-hooks', 'webhooks', 'dist', 'esm', 'index.js'))).toBe(true);
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

  it('0.3’s import from salesloft-hooks still works: a real Express app (ESM) receives the emulator’s deliveries through the middleware; a 500 is retried and handled, a forgery is 401', async () => {
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

  it('and its require: a real Fastify app (CommonJS) receives them through the same middleware, dispatched by a list of types', async () => {
    expect(await runFixture('fastify.cjs')).toEqual({
      handled: [
        ['task_created', 'Call Ada'],
        ['task_completed', expect.any(String)],
      ],
      attempts: [[200], [200]],
    });
  });

  it('@arethetypeswrong finds no problem for node10, node16 (CJS and ESM) and bundlers, and publint none', async () => {
    await expectTypesRight(tarball);
    await expectPublintClean(ROOT);
  }, 120_000);
});

describe('the receiver library, @salesloft-hooks/webhooks, alone from its tarball in an empty app', () => {
  beforeAll(async () => {
    webhooksTarball ||= await packTarball('packages/webhooks');
    libraryApp = await installInto([webhooksTarball]);
  }, 300_000);

  it('adds one package and less than 300 KB: no dependency at all', async () => {
    const { stdout } = await run('npm', ['ls', '--all', '--parseable'], { cwd: libraryApp });
    expect(stdout.trim().split('\n').slice(1)).toEqual([
      join(libraryApp, 'node_modules', '@salesloft-hooks', 'webhooks'),
    ]);
    const installed = readdirSync(join(libraryApp, 'node_modules'), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && entry.name !== '.package-lock.json')
      .map((entry) => statSync(join(entry.parentPath, entry.name)).size);
    const bytes = installed.reduce((sum, size) => sum + size, 0);
    expect(bytes).toBeGreaterThan(50_000);
    expect(bytes).toBeLessThan(300 * 1024);
  });

  it('its emulator delivers without any HTTP client dependency, and fire merges the data onto a realistic sample', async () => {
    expect(await runFixture('fire-merge.mjs', [], libraryApp)).toEqual({
      status: 'delivered',
      firstName: 'Ada',
      id: 42,
      hasCounts: true,
      emailAddress: expect.stringContaining('@'),
    });
  });

  it('on a runtime without node: modules, the Fetch handler and verifyWebhookAsync verify with Web Crypto', async () => {
    copyFileSync(join(FIXTURES, 'no-node-builtins.mjs'), join(libraryApp, 'no-node-builtins.mjs'));
    expect(await runFixture('edge.mjs', ['--import', './no-node-builtins.mjs'], libraryApp)).toEqual({
      good: 200,
      forged: 401,
      seen: ['Send pricing'],
      eventType: 'task_created',
      sync: 'node:crypto is not available here: use the async verification (Web Crypto)',
    });
  });

  it('strict TypeScript under nodenext and node10: a typed handler compiles (completed_by, unlisted fields as unknown, a link_swap answer), a typo does not', async () => {
    for (const name of ['typed.mts', 'typo.mts']) copyFileSync(join(FIXTURES, name), join(libraryApp, name));
    writeFileSync(join(libraryApp, 'typed.ts'), readFileSync(join(FIXTURES, 'typed.mts')));
    writeFileSync(join(libraryApp, 'typo.ts'), readFileSync(join(FIXTURES, 'typo.mts')));
    const runs = [
      ['typed.mts', 'typo.mts', 'nodenext', 'nodenext'],
      ['typed.ts', 'typo.ts', 'commonjs', 'node10'],
    ] as const;
    // One compiler run over both files per resolution, the two at once: every diagnostic is in the
    // typo file, none in the typed one.
    const checked = await Promise.all(
      runs.map(([typed, typo, module, resolution]) => typeCheck([typed, typo], module, resolution)),
    );
    runs.forEach(([typed, , , resolution], index) => {
      const lines = (checked[index] ?? '').split('\n').filter((line) => /error TS/.test(line));
      expect(
        lines.filter((line) => line.startsWith(typed)),
        resolution,
      ).toEqual([]);
      const errors = lines.join('\n');
      expect(errors, resolution).toMatch(/\(4,\d+\): error TS2769: No overload matches this call/);
      // Salesloft adds fields without notice: a name the types do not list is there, as unknown,
      // so using it as something is an error (a typo, or completed_by_user, which does not exist).
      expect(errors, resolution).toMatch(
        /\(5,\d+\): error TS18046: 'event\.payload\.frist_name' is of type 'unknown'/,
      );
      expect(errors, resolution).toMatch(
        /\(8,\d+\): error TS2345: Argument of type '"persn_updated"' is not assignable/,
      );
      expect(errors, resolution).toMatch(
        /\(10,\d+\): error TS18046: 'event\.payload\.completed_by_user' is of type 'unknown'/,
      );
      // A link_swap handler answers { links }, nothing else.
      expect(errors, resolution).toMatch(/\(11,\d+\): error TS2769: No overload matches this call/);
    });
  }, 120_000);

  it('an editor’s hover on a payload field says what it is and where the type comes from', async () => {
    const ts = (await import('typescript')).default;
    const file = join(libraryApp, 'hover.mts');
    const text = [
      "import { Webhooks } from '@salesloft-hooks/webhooks';",
      "new Webhooks({ token: 't' }).on('task_updated', (event) => event.payload.completed_by);",
      "new Webhooks({ token: 't' }).on('person_updated', (event) => event.payload.email_address);",
      '',
    ].join('\n');
    writeFileSync(file, text);
    const options = {
      strict: true,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
    };
    const service = ts.createLanguageService({
      getScriptFileNames: () => [file],
      getScriptVersion: () => '1',
      getScriptSnapshot: (name) =>
        existsSync(name) ? ts.ScriptSnapshot.fromString(readFileSync(name, 'utf8')) : undefined,
      getCurrentDirectory: () => libraryApp,
      getCompilationSettings: () => options,
      getDefaultLibFileName: ts.getDefaultLibFilePath,
      fileExists: ts.sys.fileExists,
      readFile: ts.sys.readFile,
      directoryExists: ts.sys.directoryExists,
      getDirectories: ts.sys.getDirectories,
    });
    const hover = (field: string) => {
      const info = service.getQuickInfoAtPosition(file, text.indexOf(field) + 1);
      return ts.displayPartsToString(info?.documentation);
    };
    expect(hover('completed_by')).toBe(
      'The user who completed it, or null (there is no `completed_by_user`). Seen in captured deliveries.',
    );
    expect(hover('email_address')).toBe('Email address, or null. From the REST reference.');
  });

  it('@arethetypeswrong finds no problem for node10, node16 (CJS and ESM) and bundlers, and publint none', async () => {
    await expectTypesRight(webhooksTarball);
    await expectPublintClean(join(ROOT, 'packages', 'webhooks'));
  }, 120_000);
});
