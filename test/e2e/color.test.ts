import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { BIN, cleanEnv } from '../support/cli.js';

const run = promisify(execFile);
const ESC = '\u001b[';

// util-linux `script` gives the command a pseudo-terminal, so stdout is a TTY as in a user's shell.
async function onTerminal(env: Record<string, string>, args = 'events'): Promise<string> {
  const options = { env: cleanEnv({ TERM: 'xterm-256color', ...env }) };
  // `script -e` exits with the command's code; a non-zero one still has the output we want.
  const result = await run(
    'script',
    ['-qec', `${process.execPath} ${BIN} ${args}`, '/dev/null'],
    options,
  ).catch((error: { stdout: string }) => error);
  return result.stdout;
}

describe('colour on a terminal', () => {
  it('is on by default on a TTY', async () => {
    expect(await onTerminal({})).toContain(ESC);
  });

  it('is off under NO_COLOR and FORCE_COLOR=0', async () => {
    const plain = await onTerminal({ NO_COLOR: '1' });
    expect(plain).toContain('person_updated');
    expect(plain).not.toContain(ESC);
    expect(await onTerminal({ FORCE_COLOR: '0' })).not.toContain(ESC);
  });

  it('follows the same rules for commands that run through oclif', async () => {
    const args = `verify --token t --signature ${'0'.repeat(40)} --body-file /dev/null`;
    expect(await onTerminal({}, args)).toContain(`${ESC}31minvalid`);
    const plain = await onTerminal({ NO_COLOR: '1' }, args);
    expect(plain).toContain('invalid: mismatch');
    expect(plain).not.toContain(ESC);
  });
});
