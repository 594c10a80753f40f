// `string-width` inside the bundle: oclif's help and error layout measure every word with it,
// and each call builds the emoji regular expression again (about 10 ms for the root help).
// One-column text is its length, which is what the module answers for it; the module itself
// loads only for other text.
const ONE_COLUMN = require('./one-column.cjs');

module.exports = (string, options) =>
  typeof string === 'string' && ONE_COLUMN.test(string)
    ? string.length
    : require('string-width')(string, options);
