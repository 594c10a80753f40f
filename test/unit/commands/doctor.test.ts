import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import Doctor from '../../../src/commands/doctor.js';
import { runCommand } from '../../support/command.js';
import { verifyingHandler } from '../../support/receiver.js';

const servers: ReturnType<typeof createServer>[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

describe('doctor (in process)', () => {
  it('a handler that verifies the raw body passes every check but a warning: the typed report', async () => {
    const app = await verifyingHandler('doc-token');
    const run = await runCommand(Doctor, [
      '--to',
      `http://127.0.0.1:${app.port}/hooks`,
      '--token',
      'doc-token',
      '--json',
    ]);
    expect(run.exitCode).toBe(0);
    expect(run.result?.passed).toBe(true);
    expect(run.result?.stopped).toBeNull();
    // The test handler compares hex in the case it is sent: the one warning.
    expect(
      run.result?.checks
        .filter((check) => check.result !== 'pass')
        .map((check) => [check.name, check.result]),
    ).toEqual([['signature letter case', 'warn']]);
  });

  it('a handler with no route stops after the valid delivery (exit 1)', async () => {
    const server = createServer((_req, res) => res.writeHead(404).end());
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const run = await runCommand(Doctor, [
      '--to',
      `http://127.0.0.1:${(server.address() as AddressInfo).port}/x`,
      '--token',
      't',
      '--json',
    ]);
    expect(run.exitCode).toBe(1);
    expect(run.result?.checks).toHaveLength(1);
    expect(run.result?.stopped).toMatch(/^no route at this URL/);
  });
});
