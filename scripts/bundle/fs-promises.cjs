// `node:fs/promises` for oclif inside the bundle: oclif reads a few small files at start
// (package.json, the manifest) and checks paths. Node builds fs/promises (with readline and
// file watchers) on first use, and every async read waits on the thread pool; the same calls
// made synchronously answer the same, or throw the same errors, as rejected promises.
const fs = require('node:fs');

const settled =
  (call) =>
  async (...args) =>
    call(...args);

module.exports = {
  access: settled(fs.accessSync),
  readFile: settled(fs.readFileSync),
  readdir: settled(fs.readdirSync),
  stat: settled(fs.statSync),
};
