import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  cpSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanEnv, ROOT, runCli, tempDir } from '../support/cli.js';

describe('the code cache of the CLI bundle', () => {
  it('is written on the first run, used on the next, and rewritten when V8 rejects it; output unchanged', async () => {
    const cache = tempDir('slh-cache-');
    const env = { SALESLOFT_HOOKS_CACHE_DIR: cache, SALESLOFT_HOOKS_DEBUG: '1' };
    const first = await runCli(['verify', '--token', 't', '--signature', '0'.repeat(40)], {
      env,
      input: '{}',
    });
    expect(first.code).toBe(1);
    expect(first.stderr).toContain('code cache missing');
    const dir = join(cache, 'code');
    const [file] = readdirSync(dir).filter((name) => name.startsWith('cli-'));
    expect(file).toMatch(/^cli-[0-9a-f]{16}-[0-9a-f]{8}-verify-v\d+\.\d+\.\d+-\w+\.v8$/);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(join(dir, file as string)).mode & 0o777).toBe(0o600);

    const second = await runCli(['verify', '--token', 't', '--signature', '0'.repeat(40)], {
      env,
      input: '{}',
    });
    expect(second.stderr).toContain('code cache used');
    expect(second).toMatchObject({ code: first.code, stdout: first.stdout });

    // The header (what the cache was made from) kept, V8's data damaged: V8 rejects it.
    const written = readFileSync(join(dir, file as string));
    const headerEnd = written.indexOf(10) + 1;
    writeFileSync(
      join(dir, file as string),
      Buffer.concat([written.subarray(0, headerEnd), Buffer.alloc(4096, 7)]),
      {
        mode: 0o600,
      },
    );
    const damaged = await runCli(['verify', '--token', 't', '--signature', '0'.repeat(40)], {
      env,
      input: '{}',
    });
    expect(damaged.stderr).toContain('code cache rejected');
    expect(damaged).toMatchObject({ code: first.code, stdout: first.stdout });
    expect((await runCli(['verify', '--token', 't'], { env, input: '{}' })).stderr).toContain(
      'code cache used',
    );
    // Another command compiles other code: it has a cache of its own.
    expect((await runCli(['--help'], { env })).stderr).toContain('code cache missing');
    expect((await runCli(['--help'], { env })).stderr).toContain('code cache used');
    expect(readdirSync(dir).length).toBe(2);
  });

  it('a command that makes a request writes its cache, and later runs use it', async () => {
    const cache = tempDir('slh-cache-');
    const env = { SALESLOFT_HOOKS_CACHE_DIR: cache, SALESLOFT_HOOKS_DEBUG: '1' };
    const api = ['--api-key', 'k', '--api-url', 'http://127.0.0.1:9'];
    const first = await runCli(['list', ...api], { env });
    expect(first.code).toBe(4);
    expect(first.stderr).toContain('code cache missing');
    // The CLI's bundle, and undici's, loaded for the request.
    expect(
      readdirSync(join(cache, 'code'))
        .map((name) => name.split('-')[0])
        .sort(),
    ).toEqual(['cli', 'undici']);
    const again = await runCli(['list', ...api], { env });
    expect(again.stderr).toContain('code cache used (cli.cjs)');
    expect(again.stderr).toContain('code cache used (undici.cjs)');
    const output = (stderr: string) => stderr.split('\n').filter((line) => !line.includes('code cache'));
    expect(output(again.stderr)).toEqual(output(first.stderr));
  });

  it('a cache made from another source is ignored, even one V8 would take (same length): it is rewritten', async () => {
    const cache = tempDir('slh-cache-');
    const env = { SALESLOFT_HOOKS_CACHE_DIR: cache, SALESLOFT_HOOKS_DEBUG: '1' };
    expect((await runCli(['--help'], { env })).stderr).toContain('code cache missing');
    const dir = join(cache, 'code');
    const [file] = readdirSync(dir);
    const path = join(dir, file as string);
    const written = readFileSync(path);
    const header = written.subarray(0, written.indexOf(10)).toString('latin1');
    expect(header).toMatch(/^salesloft-hooks code cache 1 [0-9a-f]{64} \d+ \d+ [\d.]+$/);
    // The same V8 data under a header naming another build: as a cache forged for another source.
    const forged = header.replace(/ [0-9a-f]{64} /, ` ${'0'.repeat(64)} `);
    writeFileSync(path, Buffer.concat([Buffer.from(`${forged}\n`), written.subarray(header.length + 1)]), {
      mode: 0o600,
    });
    const run = await runCli(['--help'], { env });
    expect(run.stderr).toContain('code cache missing');
    expect(readFileSync(path).subarray(0, header.length).toString('latin1')).toBe(header);
  });

  it('a cache folder others may write is neither read nor written: the run is uncached and says why under DEBUG', async () => {
    const cache = tempDir('slh-cache-');
    const dir = join(cache, 'code');
    mkdirSync(dir);
    chmodSync(dir, 0o777);
    const run = await runCli(['--help'], {
      env: { SALESLOFT_HOOKS_CACHE_DIR: cache, SALESLOFT_HOOKS_DEBUG: '1' },
    });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(
      `code cache untrusted (cli.cjs): ${dir} is writable by group or others (mode 777), so this run is uncached`,
    );
    expect(readdirSync(dir)).toEqual([]);
    const quiet = await runCli(['--help'], { env: { SALESLOFT_HOOKS_CACHE_DIR: cache } });
    expect(quiet).toMatchObject({ code: 0, stderr: '' });
  });

  it.skipIf(process.getuid?.() !== 0)(
    'a cache folder owned by another user is not written (run as root, the folder given to nobody)',
    async () => {
      const cache = tempDir('slh-cache-');
      const dir = join(cache, 'code');
      mkdirSync(dir, { mode: 0o755 });
      chownSync(dir, 65534, 65534);
      const run = await runCli(['--help'], {
        env: { SALESLOFT_HOOKS_CACHE_DIR: cache, SALESLOFT_HOOKS_DEBUG: '1' },
      });
      expect(run.stderr).toContain(`${dir} is owned by another user (uid 65534)`);
      expect(readdirSync(dir)).toEqual([]);
    },
  );

  it('a symlink planted where the cache goes is never written through: its target stays as it was', async () => {
    const cache = tempDir('slh-cache-');
    const env = { SALESLOFT_HOOKS_CACHE_DIR: cache, SALESLOFT_HOOKS_DEBUG: '1' };
    await runCli(['--help'], { env });
    const dir = join(cache, 'code');
    const [file] = readdirSync(dir);
    const path = join(dir, file as string);
    const target = join(tempDir('slh-victim-'), '.bashrc');
    writeFileSync(target, 'export PS1=mine\n');
    rmSync(path);
    symlinkSync(target, path);
    const run = await runCli(['--help'], { env });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`code cache untrusted (cli.cjs): ${path} is a symbolic link`);
    expect(readFileSync(target, 'utf8')).toBe('export PS1=mine\n');
    // The link itself was replaced by a cache of this user's, which the next run uses.
    expect(lstatSync(path).isFile()).toBe(true);
    expect((await runCli(['--help'], { env })).stderr).toContain('code cache used');
  });

  it('a cache folder that cannot be written costs only speed', async () => {
    const file = join(tempDir('slh-cache-'), 'not-a-folder');
    writeFileSync(file, '');
    const result = await runCli(['--help'], { env: { SALESLOFT_HOOKS_CACHE_DIR: file } });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('USAGE');
    expect(result.stderr).toBe('');
  });

  it('two installed copies of one build keep their own caches: each stack trace names the file that runs', async () => {
    const cache = tempDir('slh-cache-');
    const copies = ['a', 'b'].map((name) => {
      const dir = join(tempDir('slh-copy-'), name);
      mkdirSync(dir);
      for (const entry of ['bin', 'dist', 'assets', 'schema', 'package.json', 'oclif.manifest.json']) {
        cpSync(join(ROOT, entry), join(dir, entry), { recursive: true });
      }
      symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
      return dir;
    });
    const env = cleanEnv({ SALESLOFT_HOOKS_CACHE_DIR: cache, SALESLOFT_HOOKS_DEBUG: '1' });
    const stack = (dir: string) =>
      spawnSync(process.execPath, [join(dir, 'bin', 'run.js'), 'verify', '--bogus'], {
        env,
        encoding: 'utf8',
      }).stderr;
    const [a, b] = copies as [string, string];
    stack(a);
    expect(stack(a)).toContain('code cache used');
    const fromB = stack(b);
    expect(fromB).toContain(join(b, 'dist', 'cli.cjs'));
    expect(fromB).not.toContain(join(a, 'dist'));
  });

  it('a debug stack trace names src/ lines under --enable-source-maps, and readable bundle frames without', async () => {
    const env = { SALESLOFT_HOOKS_DEBUG: '1', SALESLOFT_HOOKS_CACHE_DIR: tempDir('slh-cache-') };
    const mapped = await runCli(['verify', '--bogus'], { env, nodeArgs: ['--enable-source-maps'] });
    expect(mapped.code).toBe(2);
    expect(mapped.stderr).toMatch(/at async \w*Verify\.run \(.*src\/commands\/verify\.ts:\d+:\d+\)/);
    const plain = await runCli(['verify', '--bogus'], { env });
    expect(plain.stderr).toMatch(/at async \w*Verify\.run \(.*dist\/cli\.cjs:\d+:\d+\)/);
  });
});
