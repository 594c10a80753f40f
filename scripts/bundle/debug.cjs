// `debug` for oclif inside the bundle: the real module (and the tty, net and stream modules it
// loads) only when DEBUG is set, which is the only time it prints anything.
function silent(namespace) {
  const log = () => {};
  log.enabled = false;
  log.namespace = namespace;
  log.extend = (suffix, delimiter = ':') => silent(`${namespace}${delimiter}${suffix}`);
  return log;
}

module.exports = (namespace) => (process.env.DEBUG ? require('debug')(namespace) : silent(namespace));
