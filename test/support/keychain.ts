import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEveryTest } from './after-test.js';
import { tempDir } from './cli.js';

const buses: number[] = [];
const homes: string[] = [];
afterEveryTest(() => {
  const doomed = [...buses.splice(0), ...keyringDaemonsOf(homes.splice(0))];
  for (const pid of doomed) {
    try {
      process.kill(pid);
    } catch {
      // Already gone.
    }
  }
});

/** GNOME Keyring daemons started for these homes (one may outlive its bus for a while). */
function keyringDaemonsOf(owned: readonly string[]): number[] {
  if (owned.length === 0) return [];
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').startsWith('gnome-keyring-daemon')) return false;
        const environ = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
        return owned.some((home) => environ.includes(`HOME=${home}`));
      } catch {
        return false;
      }
    })
    .map(Number);
}

/** Whether this machine has a session bus and GNOME Keyring to start (.ci/run installs them). */
export const keychainAvailable = ['dbus-daemon', 'gnome-keyring-daemon'].every(
  (tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0,
);

/**
 * A real OS keychain for the CLIs a test runs: a session bus of its own and GNOME Keyring on it,
 * its login keyring unlocked (or, with `locked`, locked: any use then needs a password prompt
 * nobody can answer), in a home folder of its own. Returns the environment that reaches it.
 */
export function keychain(options: { locked?: boolean } = {}): Record<string, string> {
  const home = tempDir('slh-keychain-');
  homes.push(home);
  const base = { ...process.env, HOME: home, XDG_DATA_HOME: join(home, 'data') };
  let sessions = 0;
  const start = (unlock: boolean) => {
    // A runtime folder per session: a daemon finds another through it, and the first may linger.
    const runtime = join(home, `run${++sessions}`);
    mkdirSync(runtime, { mode: 0o700 });
    const env = { ...base, XDG_RUNTIME_DIR: runtime };
    const [address = '', pid = ''] = execFileSync(
      'dbus-daemon',
      ['--session', '--fork', '--print-address=1', '--print-pid=1'],
      { env, encoding: 'utf8' },
    )
      .trim()
      .split('\n');
    buses.push(Number(pid));
    const session = { ...env, DBUS_SESSION_BUS_ADDRESS: address };
    execFileSync('gnome-keyring-daemon', [unlock ? '--unlock' : '--start', '--components=secrets'], {
      env: session,
      input: unlock ? 'test-password' : '',
      stdio: ['pipe', 'ignore', 'ignore'],
    });
    return { address, pid: Number(pid), runtime };
  };
  // The login keyring is made (with its password) in a first session; a locked keychain is the
  // same keyring in a session that was never given the password, as after a reboot.
  const first = start(true);
  let session = first;
  if (options.locked) {
    process.kill(first.pid);
    session = start(false);
  }
  return {
    HOME: home,
    XDG_DATA_HOME: base.XDG_DATA_HOME,
    XDG_RUNTIME_DIR: session.runtime,
    DBUS_SESSION_BUS_ADDRESS: session.address,
  };
}

/** An environment with no session bus at all (a container, a CI runner): no keychain. */
export const NO_BUS = { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' };
