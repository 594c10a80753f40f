// Text whose every character takes one column as string-width measures it (oclif's copy,
// checked character by character in test/unit/scripts/bundle-shims.test.ts), which Unicode
// normalisation leaves as it is and which holds no white space but the plain space: printable
// ASCII, Latin-1's letters and signs, and U+2010-U+2027 (dashes, quotes, bullets, ellipsis).
module.exports = /^[\x20-\x7e\u00a1-\u00ff\u2010-\u2027]*$/;
