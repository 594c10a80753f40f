// Checks the relative links of the Markdown docs: every `[text](path)` and `[text](path#anchor)`
// names a file that exists, and every anchor a heading of it (GitHub's slugs). Usage:
// node scripts/check-links.js [FILE.md ...] (default: README.md, CHANGELOG.md, CONTRIBUTING.md, docs/*.md).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The text outside fenced code blocks (links and headings there are examples, not links). */
function prose(text) {
  return text.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '');
}

/** GitHub's anchors for a file's headings: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
export function anchorsOf(text) {
  const seen = new Map();
  const anchors = new Set();
  for (const [, heading] of prose(text).matchAll(/^#{1,6} (.+?)\s*#*$/gm)) {
    const base = heading
      .replace(/<[^>]+>/g, '')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.add(count === 0 ? base : `${base}-${count}`);
  }
  return anchors;
}

/** The broken relative links of `file`: `file:line: target (why)`. */
export function brokenLinks(file) {
  const text = readFileSync(file, 'utf8');
  const problems = [];
  const lines = prose(text).split('\n');
  lines.forEach((line, index) => {
    for (const [, target] of line.replace(/`[^`]*`/g, '').matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue;
      const [path, anchor] = target.split('#');
      const into = path === '' ? file : resolve(dirname(file), decodeURIComponent(path));
      const where = `${relative(root, file)}:${index + 1}: ${target}`;
      if (!existsSync(into)) {
        problems.push(`${where} (no such file)`);
        continue;
      }
      if (
        anchor !== undefined &&
        into.endsWith('.md') &&
        !anchorsOf(readFileSync(into, 'utf8')).has(anchor)
      ) {
        problems.push(`${where} (no heading #${anchor} in ${relative(root, into)})`);
      }
    }
  });
  return problems;
}

/** The Markdown files the project publishes. */
export function docFiles() {
  const docs = readdirSync(join(root, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => join(root, 'docs', name));
  return [...['README.md', 'CHANGELOG.md', 'CONTRIBUTING.md'].map((name) => join(root, name)), ...docs];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const files = process.argv.length > 2 ? process.argv.slice(2).map((file) => resolve(file)) : docFiles();
  const problems = files.flatMap(brokenLinks);
  for (const problem of problems) console.error(problem);
  process.exit(problems.length > 0 ? 1 : 0);
}
