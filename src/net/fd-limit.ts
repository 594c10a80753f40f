import { readFileSync } from 'node:fs';

const FALLBACK_CAP = 512;

/** The soft limit on open files, from /proc on Linux; undefined where it cannot be read. */
export function openFileLimit(limits: string | undefined): number | undefined {
  const soft = /^Max open files\s+(\d+|unlimited)/m.exec(limits ?? '')?.[1];
  return soft === undefined || soft === 'unlimited' ? undefined : Number(soft);
}

/**
 * How many connections the session may hold in all: half the open-file limit, so that sockets
 * can never take the descriptors that cleanup needs (the API client, the tunnel, files).
 */
export function connectionCap(limit: number | undefined): number {
  return limit === undefined ? FALLBACK_CAP : Math.max(16, Math.floor(limit / 2));
}

export interface ConnectionBudget {
  /** Salesloft's deliveries (and anyone else who finds the tunnel). */
  receiver: number;
  /** Outbound connections to the user's app: at most one per delivery in flight. */
  forwarder: number;
  /** The inspector page's connections (one browser needs a handful). */
  inspector: number;
}

/** The cap split between the session's servers and its forwarder: half to the receiver, a quarter each. */
export function connectionBudget(limit: number | undefined): ConnectionBudget {
  const cap = connectionCap(limit);
  const quarter = Math.max(4, Math.floor(cap / 4));
  return { receiver: Math.max(8, cap - 2 * quarter), forwarder: quarter, inspector: quarter };
}

/** The budget for this process: from its own open-file limit. */
export function processConnectionBudget(): ConnectionBudget {
  return connectionBudget(openFileLimit(readProcLimits()));
}

function readProcLimits(): string | undefined {
  try {
    return readFileSync('/proc/self/limits', 'utf8');
  } catch {
    return undefined;
  }
}
