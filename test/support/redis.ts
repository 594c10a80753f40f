import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { afterEveryTest } from './after-test.js';
import { freePort } from './ports.js';

const servers: ChildProcess[] = [];
afterEveryTest(() => {
  for (const server of servers.splice(0)) server.kill();
});

/** Whether this machine has redis-server (Debian's package; .ci/run installs it). */
export const redisAvailable = spawnSync('sh', ['-c', 'command -v redis-server']).status === 0;

/** A real redis-server on a free loopback port, nothing written to disk, stopped after the test. */
export async function redisServer(): Promise<string> {
  const port = await freePort();
  const server = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  servers.push(server);
  await new Promise<void>((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`redis-server did not start: ${seen}`)), 10_000);
    server.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      seen += chunk;
      if (seen.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
    server.once('exit', (code) => reject(new Error(`redis-server exited (${code}): ${seen}`)));
  });
  return `redis://127.0.0.1:${port}`;
}
