// The app behind the forwarders in the bench: answers every delivery 200 at once.
import { createServer } from 'node:http';

const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => res.end('{"ok":true}'));
});
server.listen(0, '127.0.0.1', () => process.stderr.write(`listening on ${server.address().port}\n`));
