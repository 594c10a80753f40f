import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ENV_VARS } from '../../../src/shared/config.js';

describe('.env.example', () => {
  it('lists every environment variable of the contract, each with a comment, and no value', () => {
    const text = readFileSync(new URL('../../../.env.example', import.meta.url), 'utf8');
    for (const name of Object.keys(ENV_VARS)) {
      expect(text).toMatch(new RegExp(`# .+\\n${name}=\\n`));
    }
  });
});
