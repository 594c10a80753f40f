import { readFileSync } from 'node:fs';

const FALLBACK_CAP = 512;

/** The soft limit on open files, from /proc on Linux; undefined where it cannot be read. */
export function openFileLimit(limits: string | undefined): number | undefined {
  const soft = /^Max open files\s+(\d+|unlimited)/m.exec(limits ?? '')?.[1];
  return soft === undefined || soft === 'unlimited' ? undefined : Number(soft);
}

/**
 * How many connections a local server may hold: half the open-file limit, so that idle sockets
 * can never take the descriptors that cleanup needs (the API client, the tunnel, files).
 */
export function connectionCap(limit: number | undefined): number {
  return limit === undefined ? FALLBACK_CAP : Math.max(16, Math.floor(limit / 2));
}

/** The cap for this process: from its own open-file limit. */
export function processConnectionCap(): number {
  return connectionCap(openFileLimit(readProcLimits()));
}

function readProcLimits(): string | undefined {
  try {
    return readFileSync('/proc/self/limits', 'utf8');
  } catch {
    return undefined;
  }
}
