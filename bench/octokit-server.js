// @octokit/webhooks (a dev dependency for this comparison only) in a plain node:http server, one
// synchronous handler: the peer the receiver library is measured against. Usage: node bench/octokit-server.js SECRET
import { createServer } from 'node:http';
import { createNodeMiddleware, Webhooks } from '@octokit/webhooks';

const webhooks = new Webhooks({ secret: process.argv[2] });
webhooks.on('ping', () => {});
const server = createServer(createNodeMiddleware(webhooks, { path: '/' }));
server.listen(0, '127.0.0.1', () => process.stderr.write(`listening on ${server.address().port}\n`));
