import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { connect, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { sign } from '../../packages/webhooks/src/catalog/signature.js';
import type { Emulator } from '../../packages/webhooks/src/emulator/emulator.js';
import { BIN, cleanEnv, tempDir } from '../support/cli.js';
import { emulator } from '../support/emulator.js';
import { RunningCli } from '../support/spawn.js';

/** `listen ARGS` with at most 256 open files (half of them the session's connection budget). */
function listenWithFewFiles(emu: Emulator, args: string[]): RunningCli {
  // Every event type: cleanup then makes several deletes at once, each needing a connection.
  const child = spawn(
    'sh',
    ['-c', 'ulimit -n 256 && exec "$0" "$@"', process.execPath, BIN, 'listen', ...args],
    {
      cwd: tempDir(),
      env: cleanEnv({
        SALESLOFT_API_URL: emu.url,
        SALESLOFT_API_KEY: 'ak_test',
        SALESLOFT_HOOKS_STATE_DIR: tempDir('slh-state-'),
      }),
    },
  );
  return new RunningCli(child);
}

async function openIdle(port: number, count: number): Promise<Socket[]> {
  return Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<Socket>((resolve) => {
          const socket = connect(port, '127.0.0.1', () => resolve(socket));
          socket.on('error', () => resolve(socket));
        }),
    ),
  );
}

describe('file descriptors stay bounded, so cleanup always has some', () => {
  it('300 idle sockets to the inspector under ulimit -n 256: cleanup still deletes, exit 0', async () => {
    const emu = await emulator();
    const cli = listenWithFewFiles(emu, []);
    const [, inspectorPort] = await cli.waitFor(/Inspector: http:\/\/127\.0\.0\.1:(\d+)\//);
    await cli.waitFor(/Callback token:/);
    // Salesloft's side closes idle connections, so every delete of the cleanup needs a new one;
    // then someone who found the port opens 300 sockets and leaves them idle.
    emu.dropConnections();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const sockets = await openIdle(Number(inspectorPort), 300);
    await new Promise((resolve) => setTimeout(resolve, 200));
    cli.child.kill('SIGINT');
    expect(await cli.exited).toBe(0);
    for (const socket of sockets) socket.destroy();
    expect(emu.store.list()).toEqual([]);
    expect(cli.stderr).not.toMatch(/EMFILE/);
  });

  it('the forwarder opens at most its share of connections to a slow app; every delivery is answered', async () => {
    const emu = await emulator();
    const waiting: (() => void)[] = [];
    let connections = 0;
    let most = 0;
    const app = createServer((_req, res) => waiting.push(() => res.end('ok')));
    app.on('connection', (socket) => {
      connections += 1;
      most = Math.max(most, connections);
      socket.on('close', () => {
        connections -= 1;
      });
    });
    await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
    const port = (app.address() as { port: number }).port;
    const cli = listenWithFewFiles(emu, ['--no-inspect', '--forward-to', `127.0.0.1:${port}/hooks`]);
    const [, callbackUrl] = await cli.waitFor(/Ready: (\S+) /);
    const [, token] = await cli.waitFor(/Callback token: (\S+)/);
    const body = '{"id":1}';
    const headers = {
      'x-salesloft-event': 'person_updated',
      'x-salesloft-signature': sign(body, token as string),
    };
    const sent = Array.from({ length: 50 }, () =>
      fetch(callbackUrl as string, { method: 'POST', headers, body }).then((answer) => answer.status),
    );
    const release = setInterval(() => {
      for (const answer of waiting.splice(0)) answer();
    }, 300);
    const statuses = await Promise.all(sent);
    clearInterval(release);
    expect(statuses).toEqual(Array(50).fill(200));
    expect(most).toBeLessThanOrEqual(32);
    cli.child.kill('SIGINT');
    expect(await cli.exited).toBe(0);
    app.close();
    expect(emu.store.list()).toEqual([]);
  });
});
