import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../support/cli.js';

/** Builds the autocomplete cache as `salesloft-hooks autocomplete` does, in a folder of the test's own. */
async function completionScripts(): Promise<{ bash: string; zsh: string }> {
  const cache = tempDir('slh-complete-');
  const built = await runCli(['autocomplete', '--refresh-cache'], {
    env: { SALESLOFT_HOOKS_CACHE_DIR: cache },
  });
  expect(built.code).toBe(0);
  const functions = join(cache, 'autocomplete', 'functions');
  return {
    bash: join(functions, 'bash', 'salesloft-hooks.bash'),
    zsh: join(functions, 'zsh', '_salesloft-hooks'),
  };
}

/** What bash offers at the end of `words` (the last word is the one being completed). */
function bashCompletes(script: string, words: string[]): string[] {
  const quoted = words.map((word) => `'${word}'`).join(' ');
  const run = spawnSync(
    'bash',
    [
      '-c',
      `source '${script}'; COMP_WORDS=(${quoted}); COMP_CWORD=${words.length - 1}; _salesloft-hooks_autocomplete; printf '%s\\n' "\${COMPREPLY[@]}"`,
    ],
    { encoding: 'utf8' },
  );
  expect(run.stderr).toBe('');
  return run.stdout.split('\n').filter(Boolean);
}

describe('shell completion', () => {
  it('bash completes --event and -e to event names, after other flags too, and still completes flags', async () => {
    const { bash } = await completionScripts();
    expect(bashCompletes(bash, ['salesloft-hooks', 'listen', '--event', 'person_'])).toEqual([
      'person_created',
      'person_deleted',
      'person_updated',
    ]);
    expect(
      bashCompletes(bash, ['salesloft-hooks', 'subscribe', '--url', 'https://x.example', '-e', 'cadence_m']),
    ).toEqual(['cadence_membership_created', 'cadence_membership_updated']);
    expect(bashCompletes(bash, ['salesloft-hooks', 'unsubscribe', '--event', 'a'])).toEqual([
      'account_created',
      'account_deleted',
      'account_updated',
      'all',
    ]);
    expect(bashCompletes(bash, ['salesloft-hooks', 'listen', '--tunnel', ''])).toEqual([
      'ngrok',
      'cloudflared',
      'none',
    ]);
    expect(bashCompletes(bash, ['salesloft-hooks', 'listen', '--forw'])).toContain('--forward-to');
  });

  it('bash keeps going: every flag after the first (and its value), file paths for file flags, event names for trigger’s argument', async () => {
    const { bash } = await completionScripts();
    expect(
      bashCompletes(bash, [
        'salesloft-hooks',
        'listen',
        '--event',
        'person_updated',
        '--port',
        '0',
        '--forw',
      ]),
    ).toEqual(['--forward-to', '--forward-header', '--forward-insecure', '--forward-timeout']);
    expect(bashCompletes(bash, ['salesloft-hooks', 'sync', '--check', '--dry'])).toEqual(['--dry-run']);
    const dir = tempDir('slh-files-');
    writeFileSync(join(dir, 'salesloft-hooks.yaml'), '');
    writeFileSync(join(dir, 'session.jsonl'), '');
    for (const [command, flag, prefix, file] of [
      ['sync', '--file', 'sales', 'salesloft-hooks.yaml'],
      ['sync', '-f', 'sales', 'salesloft-hooks.yaml'],
      ['replay', '--from', 'sess', 'session.jsonl'],
      ['inspect', '--from', 'sess', 'session.jsonl'],
      ['listen', '--record', 'sess', 'session.jsonl'],
      ['trigger', '--token-file', 'sess', 'session.jsonl'],
    ] as const) {
      expect(
        bashCompletes(bash, ['salesloft-hooks', command, flag, join(dir, prefix)]),
        `${command} ${flag}`,
      ).toEqual([join(dir, file)]);
    }
    expect(bashCompletes(bash, ['salesloft-hooks', 'trigger', 'person_u'])).toEqual(['person_updated']);
    expect(bashCompletes(bash, ['salesloft-hooks', 'trigger', '--count', '2', '--force', 'task_c'])).toEqual([
      'task_completed',
      'task_created',
    ]);
    // A flag's own value is not an event name.
    expect(bashCompletes(bash, ['salesloft-hooks', 'trigger', '--count', ''])).toEqual([]);
  });

  it('zsh offers the event names as the value of --event (and the script parses)', async () => {
    const { zsh } = await completionScripts();
    const text = readFileSync(zsh, 'utf8');
    const listen = text.slice(text.indexOf('\nlisten)'));
    expect(listen).toMatch(
      /"\*"\{-e,--event\}"\[[^\]]*\]:event options:\(account_created [a-z_ ]*person_updated [a-z_ ]*all\)"/,
    );
    const trigger = text.slice(text.indexOf('\ntrigger)'));
    expect(trigger).toMatch(/"1:event:\(account_created [a-z_ ]*person_updated [a-z_ ]*all\)"/);
    if (spawnSync('zsh', ['--version']).status === 0) {
      expect(spawnSync('zsh', ['-n', zsh], { encoding: 'utf8' }).stderr).toBe('');
    }
  });
});
