import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { BIN, cleanEnv, ROOT, runCli, tempDir } from '../support/cli.js';
import { emulator } from '../support/emulator.js';

/** Runs the action's script as the runner would (async: the emulator lives in this process). */
function runAction(
  env: Record<string, string>,
  cwd: string,
): Promise<{ code: number | null; summary: string }> {
  const summary = join(tempDir(), 'summary.md');
  writeFileSync(summary, '');
  const child = spawn(process.execPath, [join(ROOT, 'scripts', 'action-sync.js')], {
    cwd,
    env: cleanEnv({
      SALESLOFT_HOOKS_BIN: BIN,
      GITHUB_STEP_SUMMARY: summary,
      SALESLOFT_HOOKS_STATE_DIR: tempDir(),
      ...env,
    }),
    stdio: 'ignore',
  });
  return new Promise((resolve) =>
    child.on('close', (code) => resolve({ code, summary: readFileSync(summary, 'utf8') })),
  );
}

describe('the GitHub Action', () => {
  it('action.yml is a composite action with the documented inputs, running the tested script', () => {
    const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8'));
    expect(Object.keys(action.inputs).sort()).toEqual(['api-key', 'file', 'mode', 'version']);
    expect(action.runs.using).toBe('composite');
    expect(JSON.stringify(action.runs.steps)).toContain('scripts/action-sync.js');
  });

  it('check writes the plan to the job summary and exits 1 on drift; apply converges; check passes after', async () => {
    const emu = await emulator();
    const cwd = tempDir();
    writeFileSync(
      join(cwd, 'salesloft-hooks.yaml'),
      'subscriptions:\n  - url: https://hooks.example.com/x\n    token: t\n    events: [person_updated, task_created]\n',
    );
    const env = { SALESLOFT_API_URL: emu.url, SALESLOFT_API_KEY: 'ak_test' };
    const drift = await runAction({ ...env, INPUT_MODE: 'check' }, cwd);
    expect(drift.code).toBe(1);
    expect(drift.summary).toContain('### Salesloft webhook drift check');
    expect(drift.summary).toContain('| create |  | `person_updated` | https://hooks.example.com/x |  |');
    expect(drift.summary).toContain('**Drift:**');
    expect(emu.store.list()).toEqual([]);

    const applied = await runAction({ ...env, INPUT_MODE: 'apply' }, cwd);
    expect(applied.code).toBe(0);
    expect(emu.store.list()).toHaveLength(2);
    const clean = await runAction({ ...env, INPUT_MODE: 'check' }, cwd);
    expect(clean.code).toBe(0);
    expect(clean.summary).toContain("No changes: the team's subscriptions match");
    expect((await runAction({ ...env, INPUT_MODE: 'wipe' }, cwd)).code).toBe(2);
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
