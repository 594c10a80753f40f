// The baseline receiver: a bare node:http server that only checks the HMAC and answers 200.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';

const token = process.argv[2];
const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    const expected = createHmac('sha1', token).update(Buffer.concat(chunks)).digest();
    const given = Buffer.from(String(req.headers['x-salesloft-signature'] ?? ''), 'hex');
    res.statusCode = given.length === expected.length && timingSafeEqual(given, expected) ? 200 : 401;
    res.end('ok');
  });
});
server.listen(0, '127.0.0.1', () => process.stderr.write(`listening on ${server.address().port}\n`));
