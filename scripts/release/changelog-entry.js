// `node scripts/release/changelog-entry.js 0.3.0`: that version's changelog entry, the release's notes.
import { changelogEntries } from './changelog.js';

const version = process.argv[2];
const entry = changelogEntries().find((candidate) => candidate.version === version);
if (!entry) {
  console.error(`CHANGELOG.md has no entry for ${version}.`);
  process.exit(1);
}
process.stdout.write(`${entry.body}\n`);
