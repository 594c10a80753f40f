import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { BIN, cleanEnv } from '../support/cli.js';

const run = promisify(execFile);
const ESC = '\u001b[';

// util-linux `script` gives the command a pseudo-terminal, so stdout is a TTY as in a user's shell.
async function onTerminal(env: Record<string, string>): Promise<string> {
  const { stdout } = await run('script', ['-qec', `${process.execPath} ${BIN} events`, '/dev/null'], {
    env: cleanEnv({ TERM: 'xterm-256color', ...env }),
  });
  return stdout;
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
});
