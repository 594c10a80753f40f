// `node scripts/release/check-version.js v0.3.0`: the tag, package.json, the library's package.json
// and the CLI's dependency on it, --version and the changelog's newest entry name one version, or
// the release stops here.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { changelogEntries } from './changelog.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const { version } = JSON.parse(readFileSync(`${root}/package.json`, 'utf8'));
const tag = process.argv[2]?.replace(/^v/, '');
const newest = changelogEntries()[0]?.version;
const problems = [];
if (tag !== version) problems.push(`the tag names ${tag}, package.json ${version}`);
// The library is released with the CLI, at the same version, and the CLI depends on exactly it.
const library = JSON.parse(readFileSync(`${root}/packages/webhooks/package.json`, 'utf8'));
if (library.version !== version)
  problems.push(`packages/webhooks/package.json is ${library.version}, package.json ${version}`);
const pinned = JSON.parse(readFileSync(`${root}/package.json`, 'utf8')).dependencies?.[library.name];
if (pinned !== version) problems.push(`package.json depends on ${library.name} ${pinned}, not ${version}`);
if (newest !== version) problems.push(`the changelog's newest entry is ${newest}, package.json ${version}`);
if (/unreleased/i.test(changelogEntries()[0]?.heading ?? ''))
  problems.push(`the ${newest} entry still says unreleased`);
try {
  const printed = execFileSync(process.execPath, [`${root}/bin/run.js`, '--version'], { encoding: 'utf8' });
  if (!printed.startsWith(`salesloft-hooks/${version} `)) problems.push(`--version prints ${printed.trim()}`);
} catch (error) {
  problems.push(`--version failed: ${error.message}`);
}
if (problems.length > 0) {
  for (const problem of problems) console.error(`Version mismatch: ${problem}.`);
  process.exit(1);
}
console.log(`Releasing ${version}.`);
