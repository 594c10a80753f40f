import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, cleanEnv, ROOT, runCli, tempDir } from '../support/cli.js';
import { verifyingHandler } from '../support/receiver.js';
import { RunningCli } from '../support/spawn.js';

/** The shell commands of the README's first-hour section, in order, exactly as written. */
function firstHourCommands(): string[] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf('## The first hour with your handler');
  const section = readme.slice(start, readme.indexOf('\n## ', start + 1));
  const blocks = [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');
  return blocks
    .flatMap((block) => block.split('\n'))
    .map((line) => line.trim())
    .filter((line) => line.startsWith('salesloft-hooks ') || line.startsWith('export '));
}

describe('the README’s first hour, followed literally without an account', () => {
  it('every command works on the emulator: the app gets each delivery verified, doctor passes, listen cleans up', async () => {
    const commands = firstHourCommands();
    expect(commands.length).toBeGreaterThanOrEqual(6);
    const cwd = tempDir('slh-readme-');
    const env = cleanEnv({ SALESLOFT_HOOKS_STATE_DIR: tempDir('slh-state-') });
    // The user's app, configured with the token step 1 prints (the same stored token).
    const token = (await runCli(['listen', '--print-token'], { env })).stdout.trim();
    const app = await verifyingHandler(token);
    const exports: string[] = [];
    const shell = (command: string) =>
      spawn(
        'bash',
        [
          '-c',
          [
            'set -eu',
            `salesloft-hooks() { exec "${process.execPath}" "${BIN}" "$@"; }`,
            ...exports,
            command.replaceAll(':3000', `:${app.port}`),
          ].join('\n'),
        ],
        { cwd, env },
      );
    let listen: RunningCli | undefined;
    const answers: { command: string; code: number | null; stderr: string }[] = [];
    try {
      for (const command of commands) {
        if (command.startsWith('export ')) {
          exports.push(command);
          continue;
        }
        const running = new RunningCli(shell(command));
        if (/^salesloft-hooks listen (?!--print-token)/.test(command)) {
          listen = running;
          await running.waitFor(/^Ready: /m);
          await running.waitFor(/#3 {2}<-- 200/, 'stdout');
          continue;
        }
        answers.push({ command, code: await running.exited, stderr: running.stderr });
      }
      expect(answers.filter((answer) => answer.code !== 0)).toEqual([]);
      expect(listen).toBeDefined();
      if (!listen) return;
      await listen.waitFor(/#8 {2}<-- 200/, 'stdout');
      listen.child.kill('SIGINT');
      expect(await listen.exited).toBe(0);
      expect(listen.stderr).toContain('Summary: 8 deliveries: 8 verified, 0 invalid; forwarded: 8 2xx.');
      expect(listen.stderr).toMatch(/^Deleted 3 subscriptions\. Bye\.$/m);
      expect(readFileSync(join(cwd, 'deliveries.jsonl'), 'utf8').trim().split('\n')).toHaveLength(8);
    } finally {
      if (listen?.child.exitCode === null) listen.child.kill('SIGKILL');
    }
    const real = app.handled.filter((delivery) => delivery.headers['x-salesloft-hooks-doctor'] === undefined);
    expect(real.map((delivery) => [delivery.path, delivery.status])).toEqual(
      Array.from({ length: 9 }, () => ['/webhooks', 200]),
    );
    const doctor = answers.find((answer) => answer.command.includes(' doctor '));
    expect(doctor?.code).toBe(0);
  });
});
