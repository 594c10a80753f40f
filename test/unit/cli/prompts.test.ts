import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { confirm, pickEvents } from '../../../src/cli/prompts.js';

/** Fake terminal streams: a fresh pair per prompt (inquirer ends its output stream). */
function terminal() {
  const input = new PassThrough();
  const output = new PassThrough();
  let screen = '';
  output.on('data', (chunk: Buffer) => {
    screen += chunk.toString();
  });
  return {
    input,
    output,
    screen: () => screen,
    /** Types keys once `text` is on screen, each in its own turn of the event loop. */
    async typeAfter(text: string, keys: string[]): Promise<void> {
      if (!screen.includes(text)) {
        await new Promise<void>((resolve, reject) => {
          const guard = setTimeout(
            () => reject(new Error(`prompt never showed "${text}"; screen: ${screen}`)),
            5_000,
          );
          const seen = () => {
            if (!screen.includes(text)) return;
            clearTimeout(guard);
            output.off('data', seen);
            resolve();
          };
          output.on('data', seen);
        });
      }
      for (const key of keys) {
        input.write(key);
        await new Promise((resolve) => setImmediate(resolve));
      }
    },
  };
}

const DOWN = '\u001b[B';

describe('event picker', () => {
  it('shows the catalog grouped by resource with descriptions and scopes, and returns the checked events', async () => {
    const term = terminal();
    const answer = pickEvents({ input: term.input, output: term.output });
    await term.typeAfter('Which events?', [' ', DOWN, DOWN, ' ', '\r']);
    expect(await answer).toEqual(['account_created', 'account_updated']);
    expect(term.screen()).toContain('── account');
    expect(term.screen()).toContain('A new Account record was created. (accounts:read)');
  });

  it('`a` checks every event', async () => {
    const term = terminal();
    const answer = pickEvents({ input: term.input, output: term.output });
    await term.typeAfter('Which events?', ['a', '\r']);
    expect(await answer).toHaveLength(37);
  });
});

describe('confirm', () => {
  it('is yes on y and no by default', async () => {
    const yes = terminal();
    const first = confirm('Delete 3 subscriptions?', { input: yes.input, output: yes.output });
    await yes.typeAfter('Delete 3 subscriptions?', ['y', '\r']);
    expect(await first).toBe(true);

    const enter = terminal();
    const second = confirm('Delete 3 subscriptions?', { input: enter.input, output: enter.output });
    await enter.typeAfter('Delete 3 subscriptions?', ['\r']);
    expect(await second).toBe(false);
  });
});
