import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { type JournalData, processIdentity } from '../../journal/journal.js';

/**
 * Stops the cloudflared a dead session left running (its CLI was killed with SIGKILL), when it is
 * on this machine, in this PID namespace and boot, and the pid still runs a cloudflared (not a
 * process that took the number since). Returns the pid it stopped.
 */
export function stopLeftoverTunnel(data: JournalData): number | undefined {
  const pid = data.tunnel_pid;
  if (pid === undefined || !Number.isSafeInteger(pid) || pid <= 1) return undefined;
  if (data.hostname !== hostname()) return undefined;
  const here = processIdentity();
  if ((data.pid_ns && data.pid_ns !== here.pid_ns) || (data.boot_id && data.boot_id !== here.boot_id))
    return undefined;
  let command: string;
  try {
    command = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return undefined;
  }
  if (!command.split('\0').some((part) => /(^|\/)cloudflared(\.exe)?$/.test(part))) return undefined;
  try {
    process.kill(pid, 'SIGTERM');
    return pid;
  } catch {
    return undefined;
  }
}
