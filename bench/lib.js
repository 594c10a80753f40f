import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Wall time of a command in milliseconds. */
export function timeCommand(args, env = process.env) {
  const started = performance.now();
  const result = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'inherit'], env });
  if (result.status !== 0) throw new Error(`${args.join(' ')} exited ${result.status}`);
  return performance.now() - started;
}

export async function timeAsync(work) {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

/** Resident set size of a process, in bytes (Linux). */
export function rssOf(pid) {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) * 1024 : Number.NaN;
}

/** Spawns a process and resolves once `pattern` appears on its stderr. */
export function spawnUntil(args, pattern, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      stdio: ['ignore', options.stdout ?? 'ignore', 'pipe'],
      env: options.env ?? process.env,
    });
    let stderr = '';
    const timer = setTimeout(() => reject(new Error(`no ${pattern} in time: ${stderr}`)), 20_000);
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      const match = stderr.match(pattern);
      if (match) {
        clearTimeout(timer);
        resolve({ child, match });
      }
    });
    child.on('exit', (code) => reject(new Error(`exited ${code} before ${pattern}: ${stderr}`)));
  });
}

export function stop(child, signal = 'SIGINT') {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    child.once('exit', (code) => resolve(code));
    child.kill(signal);
  });
}
