import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SUPPORT = fileURLToPath(new URL('../support/', import.meta.url));

describe('the test helpers', () => {
  it('register their cleanup through afterEveryTest, not vitest hooks (which a shared worker runs for the first file only)', () => {
    const hooked = readdirSync(SUPPORT)
      .filter((file) => file.endsWith('.ts') && file !== 'setup.ts')
      .filter((file) =>
        /\b(afterEach|beforeEach|afterAll|beforeAll)\(/.test(readFileSync(SUPPORT + file, 'utf8')),
      );
    expect(hooked).toEqual([]);
  });
});
