// `ejs` for oclif inside the bundle: oclif passes every help text (summaries, descriptions,
// examples, usage lines) through `ejs.render`, which loads ejs and compiles a function per
// string (about 15 ms for the root help). A text without a tag is what ejs gives back, and the
// two tags oclif's and this CLI's texts hold, `<%= config.bin %>` and `<%= command.id %>`, are
// written as ejs writes them (HTML-escaped). Anything else, and any other use, goes to ejs.
const TAG = /<%= (config\.bin|command\.id) %>/g;
const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&#34;', "'": '&#39;' };
const VALUES = { 'config.bin': (data) => data?.config?.bin, 'command.id': (data) => data?.command?.id };

function render(template, data, options) {
  if (typeof template === 'string' && options === undefined) {
    if (!template.includes('<%')) return template;
    let known = true;
    const filled = template.replace(TAG, (tag, path) => {
      const value = VALUES[path](data);
      if (typeof value !== 'string') known = false;
      return known ? value.replace(/[&<>"']/g, (char) => ESCAPES[char]) : tag;
    });
    if (known && !filled.includes('<%')) return filled;
  }
  return require('ejs').render(template, data, options);
}

module.exports = new Proxy(
  { render },
  {
    get: (target, key) =>
      key in target ? target[key] : key === '__esModule' ? undefined : require('ejs')[key],
  },
);
