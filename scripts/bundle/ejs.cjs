// `ejs` for oclif inside the bundle: oclif passes every help text (summaries, descriptions,
// examples) through `ejs.render`, which loads ejs and compiles a function per string (about
// 15 ms for the root help). A text without a tag is what ejs gives back, and the one tag this
// CLI's texts hold, `<%= config.bin %>`, is written as ejs writes it (HTML-escaped). Anything
// else, and any other use of the module, goes to ejs.
const BIN_TAG = '<%= config.bin %>';
const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&#34;', "'": '&#39;' };

function render(template, data, options) {
  if (typeof template === 'string' && options === undefined) {
    if (!template.includes('<%')) return template;
    const bin = data?.config?.bin;
    if (typeof bin === 'string') {
      const filled = template.replaceAll(
        BIN_TAG,
        bin.replace(/[&<>"']/g, (char) => ESCAPES[char]),
      );
      if (!filled.includes('<%')) return filled;
    }
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
