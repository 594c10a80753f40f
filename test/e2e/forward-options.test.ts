import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDir } from '../support/cli.js';
import { emulator } from '../support/emulator.js';
import { startCli } from '../support/spawn.js';

const TLS = join(ROOT, 'test', 'fixtures', 'tls');
const servers: Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

/** A local https dev server (self-signed for 127.0.0.1, as mkcert or Valet would make one) that notes headers. */
async function devServer() {
  const seen: Record<string, string | string[] | undefined>[] = [];
  const server = createServer(
    { key: readFileSync(join(TLS, 'key.pem')), cert: readFileSync(join(TLS, 'cert.pem')) },
    (req, res) => {
      seen.push(req.headers);
      req.resume();
      req.on('end', () => res.end('ok'));
    },
  );
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `https://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`, seen };
}

async function forwardOne(args: string[]) {
  const emu = await emulator({ retries: 0 });
  const cli = startCli(['listen', '--event', 'person_updated', '--no-inspect', ...args], {
    SALESLOFT_API_URL: emu.url,
    SALESLOFT_API_KEY: 'ak_test',
    SALESLOFT_HOOKS_STATE_DIR: tempDir('slh-state-'),
  });
  await cli.waitFor(/Callback token:/);
  emu.fire('person_updated');
  await emu.deliveriesSettled();
  cli.child.kill('SIGINT');
  await cli.exited;
  return { emu, cli };
}

describe('forwarding to a real dev server', () => {
  it('a self-signed https app: a hint without --forward-insecure, delivered with it; --forward-header reaches it', async () => {
    const app = await devServer();
    const refused = await forwardOne(['--forward-to', app.url]);
    expect(refused.emu.deliveries()[0]?.attempts[0]?.status).toBe(502);
    expect(refused.cli.stdout).toMatch(
      /its certificate is not trusted \((DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN)\): pass --forward-insecure/,
    );
    expect(app.seen).toHaveLength(0);
    const accepted = await forwardOne([
      '--forward-to',
      app.url,
      '--forward-insecure',
      '--forward-header',
      'X-Dev-Auth: letmein',
    ]);
    expect(accepted.emu.deliveries()[0]?.attempts[0]?.status).toBe(200);
    expect(app.seen[0]?.['x-dev-auth']).toBe('letmein');
    expect(app.seen[0]?.['x-salesloft-event']).toBe('person_updated');
  });

  it('--forward-insecure only for a loopback target; a header may not replace the delivery’s own', async () => {
    const remote = await runCli([
      'listen',
      '--emulator',
      '--forward-to',
      'https://staging.example.com/hooks',
      '--forward-insecure',
    ]);
    expect(remote.code).toBe(2);
    expect(remote.stderr).toContain('--forward-insecure is for your own dev server on this machine');
    const replaced = await runCli([
      'listen',
      '--emulator',
      '--forward-to',
      ':3000/hooks',
      '--forward-header',
      'X-Salesloft-Signature: x',
    ]);
    expect(replaced.code).toBe(2);
    expect(replaced.stderr).toContain('--forward-header cannot set x-salesloft-signature');
  });
});
