import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BIN = join(ROOT, 'bin', 'run.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  env?: Record<string, string | undefined>;
  input?: string | Buffer;
  cwd?: string;
  nodeArgs?: string[];
}

/** Where the CLIs a test file runs keep their code caches: never the developer's ~/.cache. */
const TEST_CACHE = mkdtempSync(join(tmpdir(), 'slh-test-cache-'));

/** The environment of a user who has configured nothing (with a cache folder of the tests' own). */
export function cleanEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { SALESLOFT_HOOKS_CACHE_DIR: TEST_CACHE };
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(SALESLOFT_|NGROK_|FORCE_COLOR|NO_COLOR|DEBUG|HTTPS?_PROXY|NO_PROXY|CI$)/i.test(key)) continue;
    env[key] = value;
  }
  for (const [key, value] of Object.entries(extra)) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return env;
}

export function tempDir(prefix = 'slh-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Runs `bin/run.js` as a user would, in an empty working directory unless told otherwise. */
export function runCli(args: string[], options: CliOptions = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), BIN, ...args], {
      cwd: options.cwd ?? tempDir(),
      env: cleanEnv({ SALESLOFT_HOOKS_STATE_DIR: tempDir('slh-state-'), ...options.env }),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

/** Parses stdout as exactly one JSON document (fails the test otherwise). */
export function parseJson<T = unknown>(result: CliResult): T {
  return JSON.parse(result.stdout) as T;
}
