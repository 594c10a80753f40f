// The receiver library in a plain node:http server: Webhooks and createNodeMiddleware from the
// built package (packages/webhooks/dist), one synchronous handler. Usage: node bench/library-server.js TOKEN
import { createServer } from 'node:http';
import { createNodeMiddleware, Webhooks } from '../packages/webhooks/dist/esm/index.js';

const webhooks = new Webhooks({ token: process.argv[2] });
let handled = 0;
webhooks.on('person_updated', () => {
  handled += 1;
});
const server = createServer(createNodeMiddleware(webhooks));
server.listen(0, '127.0.0.1', () => process.stderr.write(`listening on ${server.address().port}\n`));
process.on('SIGINT', () => process.exit(handled > 0 ? 0 : 1));
