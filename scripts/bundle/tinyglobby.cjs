// `tinyglobby` for oclif inside the bundle: oclif globs only to find commands without a
// manifest, so the module is loaded on the first call instead of at every start.
module.exports = {
  glob: (...args) => require('tinyglobby').glob(...args),
  globSync: (...args) => require('tinyglobby').globSync(...args),
};
