// The logic of action.yml: runs `salesloft-hooks sync` in the chosen mode, writes the plan as a
// Markdown table to $GITHUB_STEP_SUMMARY (and to stdout for the log), and exits with sync's code.
// Inputs arrive as INPUT_FILE, INPUT_MODE, INPUT_VERSION; the API key as SALESLOFT_API_KEY.
// SALESLOFT_HOOKS_BIN runs a local build instead of `npx salesloft-hooks@VERSION` (for tests).
import { spawnSync } from 'node:child_process';
import { appendFileSync } from 'node:fs';

const MODES = { check: ['--check'], apply: ['--yes'], 'apply-prune': ['--yes', '--prune'] };
const file = process.env.INPUT_FILE || 'salesloft-hooks.yaml';
const mode = process.env.INPUT_MODE || 'check';
const version = process.env.INPUT_VERSION || 'latest';

if (!MODES[mode]) {
  console.error(`mode must be one of ${Object.keys(MODES).join(', ')}; got "${mode}".`);
  process.exit(2);
}
if (!/^[\w.^~<>=*-]+$/.test(version)) {
  console.error(`version "${version}" is not an npm version or range.`);
  process.exit(2);
}

const args = ['sync', '--file', file, ...MODES[mode], '--format', 'markdown'];
const [command, ...prefix] = process.env.SALESLOFT_HOOKS_BIN
  ? [process.execPath, process.env.SALESLOFT_HOOKS_BIN]
  : ['npx', '--yes', `salesloft-hooks@${version}`];
const result = spawnSync(command, [...prefix, ...args], {
  encoding: 'utf8',
  stdio: ['ignore', 'pipe', 'inherit'],
});
process.stdout.write(result.stdout ?? '');

const title = {
  check: 'Salesloft webhook drift check',
  apply: 'Salesloft webhooks applied',
  'apply-prune': 'Salesloft webhooks applied (with prune)',
}[mode];
const verdict =
  result.status === 0
    ? ''
    : mode === 'check' && result.status === 1
      ? '\n\n**Drift:** the team differs from the file.'
      : `\n\n**Failed** (exit ${result.status}); see the log.`;
if (process.env.GITHUB_STEP_SUMMARY) {
  appendFileSync(
    process.env.GITHUB_STEP_SUMMARY,
    `### ${title}\n\n${(result.stdout ?? '').trim()}${verdict}\n`,
  );
}
process.exit(result.status ?? 1);
