// The floor for `listen --forward-to`: a 25-line verifying forwarder (node:http, HMAC, a keep-alive
// agent, the app's status relayed). Usage: node bench/forwarder.js TOKEN TARGET_URL
import { createHmac, timingSafeEqual } from 'node:crypto';
import { Agent, createServer, request } from 'node:http';

const [token, target] = process.argv.slice(2);
const agent = new Agent({ keepAlive: true });
const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    const expected = createHmac('sha1', token).update(body).digest();
    const given = Buffer.from(String(req.headers['x-salesloft-signature'] ?? ''), 'hex');
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      return res.writeHead(401).end();
    const headers = {
      'content-type': 'application/json',
      'x-salesloft-event': req.headers['x-salesloft-event'],
    };
    const out = request(target, { method: 'POST', agent, headers }, (answer) => {
      answer.resume();
      answer.on('end', () => res.writeHead(answer.statusCode ?? 502).end('ok'));
    });
    out.on('error', () => res.writeHead(502).end());
    out.end(body);
  });
});
server.listen(0, '127.0.0.1', () => process.stderr.write(`listening on ${server.address().port}\n`));
