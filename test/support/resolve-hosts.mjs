// Preloaded with `node --import` by the proxy tests: api.salesloft.com resolves to 127.0.0.1 in
// that process, so no test asks a DNS server for it (and none could answer here anyway).
import dns from 'node:dns';

const LOCAL = new Set(['api.salesloft.com']);
const lookup = dns.lookup;
dns.lookup = function localLookup(hostname, options, callback) {
  if (!LOCAL.has(hostname)) return lookup.call(this, hostname, options, callback);
  const done = typeof options === 'function' ? options : callback;
  const all = typeof options === 'object' && options !== null && options.all;
  process.nextTick(() =>
    all ? done(null, [{ address: '127.0.0.1', family: 4 }]) : done(null, '127.0.0.1', 4),
  );
};
