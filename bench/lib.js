import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * Wall time of a command in milliseconds, to its exit, with its output read through pipes as a
 * script would read it. `node` is the binary that runs it (another Node version for a row).
 */
export function timeCommand(args, { env = process.env, status = 0, node = process.execPath } = {}) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(node, args, { stdio: ['ignore', 'pipe', 'pipe'], env });
    let stderr = '';
    child.stdout.resume();
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('close', (code) => {
      const elapsed = performance.now() - started;
      if (code === status) resolve(elapsed);
      else reject(new Error(`${args.join(' ')} exited ${code}, not ${status}: ${stderr}`));
    });
  });
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

/** CPU time (user + system) a process has used, in milliseconds (Linux). */
export function cpuMsOf(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8')
    .replace(/^.*\) /, '')
    .split(' ');
  // utime and stime are fields 14 and 15 of stat (12 and 13 after the name), in clock ticks.
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
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
