// The baseline receiver: a bare node:http server that only checks the HMAC and answers 200.
// Usage: node bench/bare-server.js TOKEN [parse]; with `parse` it also parses the body as JSON (the
// floor of any receiver that hands its handlers an object).
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';

const [token, parse] = process.argv.slice(2);
const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    const expected = createHmac('sha1', token).update(body).digest();
    const given = Buffer.from(String(req.headers['x-salesloft-signature'] ?? ''), 'hex');
    const valid = given.length === expected.length && timingSafeEqual(given, expected);
    res.statusCode = valid && (parse !== 'parse' || JSON.parse(body.toString('utf8'))) ? 200 : 401;
    res.end('ok');
  });
});
server.listen(0, '127.0.0.1', () => process.stderr.write(`listening on ${server.address().port}\n`));
