// `wsl-utils` for oclif inside the bundle: oclif reads `isWsl` at every start, and needs the rest
// (child_process, PowerShell paths) only to detect a Windows shell.
module.exports = {
  get isWsl() {
    return require('is-wsl').default;
  },
  powerShellPath: (...args) => require('wsl-utils').powerShellPath(...args),
};
