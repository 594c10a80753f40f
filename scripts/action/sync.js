// The logic of action.yml, run by the runner's `node`: `salesloft-hooks sync` from this action's
// own checkout (bin/run.js at the action's ref; nothing is fetched by name), in the chosen mode.
//   1. `sync --check --json` gives the plan: drift is a plan with changes. Anything else (the CLI
//      failing to start, a validation error, Salesloft unreachable) is "Failed": its error goes to
//      the job summary and, with the file:line the CLI prints, to an ::error annotation.
//   2. The plan as a Markdown table (`--format markdown`) goes to $GITHUB_STEP_SUMMARY; apply modes
//      apply it (`--yes`).
// Outputs (to $GITHUB_OUTPUT): drift, creates, updates, deletes, plan (JSON).
// Inputs arrive as INPUT_FILE and INPUT_MODE; the API key as SALESLOFT_API_KEY, the URL as
// SALESLOFT_API_URL. The working directory is the input working-directory (action.yml sets it).
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { annotation, countPlan, located, output, summaryFor } from './report.js';

/** Set once the outputs are written: a later failure keeps them. */
let outputsWritten = false;
const MODES = { check: ['--check'], apply: ['--yes'], 'apply-prune': ['--yes', '--prune'] };
const BIN =
  process.env.SALESLOFT_HOOKS_BIN ||
  join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'run.js');
const file = process.env.INPUT_FILE || 'salesloft-hooks.yaml';
const mode = process.env.INPUT_MODE || 'check';

if (!MODES[mode]) fail(2, `mode must be one of ${Object.keys(MODES).join(', ')}; got "${mode}".`);

const prune = MODES[mode].includes('--prune') ? ['--prune'] : [];
const sync = (args) =>
  spawnSync(process.execPath, [BIN, 'sync', '--file', file, ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, FORCE_COLOR: '0' },
  });

const checked = sync(['--check', '--json', ...prune]);
process.stderr.write(checked.stderr ?? '');
const plan = planOf(checked);
if (!plan) fail(checked.status || 1, errorOf(checked));

const counts = countPlan(plan);
const drift = counts.creates + counts.updates + counts.deletes > 0;
writeOutputs({ drift, ...counts, plan });

const shown =
  mode === 'check' || !drift
    ? sync(['--check', '--format', 'markdown', ...prune])
    : sync([...MODES[mode], '--format', 'markdown']);
process.stdout.write(shown.stdout ?? '');
process.stderr.write(shown.stderr ?? '');
const table = (shown.stdout ?? '').trim();
if (mode !== 'check' && drift && shown.status !== 0) {
  summarise(summaryFor(mode, table, { failed: lastLine(shown.stderr) || `exit ${shown.status}` }));
  fail(shown.status || 1, lastLine(shown.stderr) || `sync exited ${shown.status}`, { summarised: true });
}
summarise(summaryFor(mode, table, { drift: mode === 'check' && drift }));
process.exit(mode === 'check' && drift ? 1 : 0);

/** The plan of a `sync --check --json` run, or null when the run did not produce one. */
function planOf(run) {
  if (run.status !== 0 && run.status !== 1) return null;
  try {
    const document = JSON.parse(run.stdout);
    return Array.isArray(document?.plan) && document.error === undefined ? document.plan : null;
  } catch {
    return null;
  }
}

/** What went wrong, in the CLI's words: its JSON error, else the last line it wrote, else how it ended. */
function errorOf(run) {
  try {
    const message = JSON.parse(run.stdout)?.error?.message;
    if (typeof message === 'string') return message;
  } catch {
    // Not JSON: the CLI did not get as far as answering.
  }
  if (run.error) return `salesloft-hooks could not start: ${run.error.message}`;
  return lastLine(run.stderr) || `salesloft-hooks exited ${run.status ?? run.signal} without a plan`;
}

function lastLine(text) {
  return (
    (text ?? '')
      .trim()
      .split(/\r?\n/)
      .filter(Boolean)
      .pop()
      ?.replace(/^Error: /, '') ?? ''
  );
}

function writeOutputs(values) {
  outputsWritten = true;
  if (!process.env.GITHUB_OUTPUT) return;
  appendFileSync(
    process.env.GITHUB_OUTPUT,
    Object.entries(values)
      .map(([name, value]) => output(name, value))
      .join(''),
  );
}

function summarise(markdown) {
  if (process.env.GITHUB_STEP_SUMMARY) appendFileSync(process.env.GITHUB_STEP_SUMMARY, markdown);
}

function fail(code, message, { summarised = false } = {}) {
  if (!summarised) summarise(summaryFor(mode, '', { failed: message }));
  // At the file and line sync names, when that is a file here.
  const place = located(message);
  const here = place && existsSync(resolve(place.file)) ? place : null;
  const where = here ? { file: toWorkspace(here.file), line: here.line } : {};
  process.stdout.write(annotation(here ? here.message : message, where));
  // A failed apply keeps the plan's outputs (what it set out to do); a run without a plan has none.
  if (!outputsWritten) writeOutputs({ drift: false, creates: 0, updates: 0, deletes: 0, plan: null });
  process.exit(code);
}

/** A path as GitHub resolves annotations: relative to the workspace (the repository's root). */
function toWorkspace(path) {
  const workspace = process.env.GITHUB_WORKSPACE;
  return workspace ? relative(workspace, resolve(path)).split('\\').join('/') : path;
}
