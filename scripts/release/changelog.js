// CHANGELOG.md, read: its entries in order, newest first (`## [0.4.0] - Unreleased`).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const CHANGELOG = fileURLToPath(new URL('../../CHANGELOG.md', import.meta.url));

/** `[{ version, heading, body }]`, newest first. */
export function changelogEntries(text = readFileSync(CHANGELOG, 'utf8')) {
  return [...text.matchAll(/^## \[(\d+\.\d+\.\d+)\]([^\n]*)\n([\s\S]*?)(?=^## \[|(?![\s\S]))/gm)].map(
    ([, version, rest, body]) => ({ version, heading: `${version}${rest}`, body: body.trim() }),
  );
}
