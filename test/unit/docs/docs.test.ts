import { execFileSync } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { anchorsOf, brokenLinks, docFiles } from '../../../scripts/check-links.js';
import { ROOT, tempDir } from '../../support/cli.js';

describe('the docs', () => {
  it('every relative link and #anchor of the README, the changelog, CONTRIBUTING and docs/ resolves', () => {
    expect(docFiles().length).toBeGreaterThan(10);
    expect(docFiles().flatMap(brokenLinks)).toEqual([]);
  });

  it('the check fails on a missing file or a heading that is not there', () => {
    const dir = tempDir('slh-links-');
    writeFileSync(join(dir, 'other.md'), '# Other page\n\n## The `listen` command: flags\n');
    const page = join(dir, 'page.md');
    writeFileSync(
      page,
      [
        '# Page',
        'Good: [other](other.md), [heading](other.md#the-listen-command-flags), [self](#page).',
        'Bad: [gone](missing.md) and [anchor](other.md#nowhere).',
        '```md',
        '[in a code block](ignored.md)',
        '```',
      ].join('\n'),
    );
    const problems = brokenLinks(page);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/page\.md:3: missing\.md \(no such file\)$/);
    expect(problems[1]).toMatch(/page\.md:3: other\.md#nowhere \(no heading #nowhere in .*other\.md\)$/);
    expect(anchorsOf('# A\n# A\n## `x`: y (z)\n')).toEqual(new Set(['a', 'a-1', 'x-y-z']));
  });

  it('docs/commands.md is what `oclif readme` writes from the commands as they are', () => {
    const copy = join(tempDir('slh-commands-'), 'commands.md');
    copyFileSync(join(ROOT, 'docs', 'commands.md'), copy);
    writeFileSync(
      copy,
      readFileSync(copy, 'utf8').replace(
        /<!-- commands -->[\s\S]*<!-- commandsstop -->/,
        '<!-- commands -->\n<!-- commandsstop -->',
      ),
    );
    execFileSync(
      process.execPath,
      [join(ROOT, 'node_modules', 'oclif', 'bin', 'run.js'), 'readme', '--no-aliases', '--readme-path', copy],
      { cwd: ROOT, env: { ...process.env, OCLIF_SKIP_NEW_VERSION_CHECK: 'true' }, stdio: 'ignore' },
    );
    // The usage example names the Node that ran `oclif readme`: any is the same document.
    const anyNode = (text: string) => text.replace(/ node-v\d+\.\d+\.\d+/g, ' node-vX');
    expect(anyNode(readFileSync(copy, 'utf8'))).toBe(
      anyNode(readFileSync(join(ROOT, 'docs', 'commands.md'), 'utf8')),
    );
  }, 60_000);

  it('the README is the first hour and pointers: at most 400 lines', () => {
    expect(readFileSync(join(ROOT, 'README.md'), 'utf8').split('\n').length).toBeLessThanOrEqual(400);
  });
});
