// `string-width` inside the bundle: oclif's help and error layout measure every word with it,
// and each call builds the emoji regular expression again (about 10 ms for the root help).
// Printable ASCII is one column a character, which is what the module answers for it; the
// module itself loads only for other text.
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

module.exports = (string, options) =>
  typeof string === 'string' && PRINTABLE_ASCII.test(string)
    ? string.length
    : require('string-width')(string, options);
