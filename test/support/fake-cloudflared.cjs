// A stand-in for `cloudflared tunnel --url URL`, copied onto PATH as `cloudflared` (so its command
// line names cloudflared as the real one's does) by test/support/cloudflared.ts. It logs on stderr
// what a real quick tunnel logs and forwards HTTP requests from a local port (written to
// $FAKE_CLOUDFLARED_PORT_FILE) to URL. $FAKE_CLOUDFLARED_EXIT_AFTER_MS makes it exit mid-session;
// $FAKE_CLOUDFLARED_DROP_AFTER_MS makes it lose its connections and register one again 300 ms
// later; $FAKE_CLOUDFLARED_SILENT prints no URL at all.
const { writeFileSync } = require('node:fs');
const { createServer, request } = require('node:http');

const args = process.argv.slice(2);
const target = new URL(args[args.indexOf('--url') + 1]);
const log = (level, text) =>
  process.stderr.write(`${new Date().toISOString().slice(0, 19)}Z ${level} ${text}\n`);
const env = process.env;

log(
  'INF',
  'Thank you for trying Cloudflare Tunnel. Doing so, without a Cloudflare account, is a quick way to experiment and try it out. However, be aware that these account-less Tunnels have no uptime guarantee.',
);
log('INF', 'Requesting new quick Tunnel on trycloudflare.com...');
if (env.FAKE_CLOUDFLARED_SILENT) {
  setInterval(() => {}, 1_000);
} else {
  const server = createServer((req, res) => {
    const forwarded = request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forwarded.on('error', () => res.writeHead(502).end());
    req.pipe(forwarded);
  });
  server.listen(0, '127.0.0.1', () => {
    if (env.FAKE_CLOUDFLARED_PORT_FILE)
      writeFileSync(env.FAKE_CLOUDFLARED_PORT_FILE, String(server.address().port));
    const bar = `+${'-'.repeat(92)}+`;
    log('INF', bar);
    log(
      'INF',
      '|  Your quick Tunnel has been created! Visit it at (it may take some time to be reachable):  |',
    );
    log(
      'INF',
      '|  https://ample-otter-delta-river.trycloudflare.com                                         |',
    );
    log('INF', bar);
    log('INF', 'Version 2025.11.1 (Checksum 0f1e2d)');
    for (const index of [0, 1]) {
      log(
        'INF',
        `Registered tunnel connection connIndex=${index} connection=6a0b4c1e-${index} event=0 ip=198.41.200.${13 + index} location=ams0${index + 1} protocol=quic`,
      );
    }
  });
  if (env.FAKE_CLOUDFLARED_DROP_AFTER_MS) {
    setTimeout(() => {
      for (const index of [0, 1]) {
        log('ERR', `Connection terminated error="timeout: no recent network activity" connIndex=${index}`);
        log('INF', `Unregistered tunnel connection connIndex=${index} event=0`);
      }
      setTimeout(() => {
        log(
          'INF',
          'Registered tunnel connection connIndex=0 connection=6a0b4c1e-9 event=0 ip=198.41.200.43 location=ams03 protocol=quic',
        );
      }, 300);
    }, Number(env.FAKE_CLOUDFLARED_DROP_AFTER_MS));
  }
  if (env.FAKE_CLOUDFLARED_EXIT_AFTER_MS) {
    setTimeout(() => {
      log(
        'ERR',
        'failed to serve tunnel connection error="control stream encountered a failure while serving"',
      );
      process.exit(1);
    }, Number(env.FAKE_CLOUDFLARED_EXIT_AFTER_MS));
  }
}
process.on('SIGTERM', () => {
  log('INF', 'Initiating graceful shutdown due to signal terminated ...');
  process.exit(0);
});
