// The README's changelog, read: its entries in order, newest first (`### 0.3.0 (unreleased)`).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const README = fileURLToPath(new URL('../../README.md', import.meta.url));

/** `[{ version, heading, body }]`, newest first. */
export function changelogEntries(text = readFileSync(README, 'utf8')) {
  const start = text.indexOf('\n## Changelog\n');
  if (start === -1) throw new Error('README.md has no "## Changelog" section');
  const section = text.slice(start + 1).split(/\n## (?!#)/)[0];
  return [...section.matchAll(/^### (\d+\.\d+\.\d+)([^\n]*)\n([\s\S]*?)(?=^### |(?![\s\S]))/gm)].map(
    ([, version, rest, body]) => ({ version, heading: `${version}${rest}`, body: body.trim() }),
  );
}
