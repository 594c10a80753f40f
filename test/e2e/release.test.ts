import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { changelogEntries } from '../../scripts/release/changelog.js';
import { ROOT, runCli } from '../support/cli.js';
import { run } from '../support/pack.js';

const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };

describe('one version everywhere', () => {
  it('package.json, the library’s package.json and the CLI’s dependency on it, --version, the changelog’s newest entry, the schema’s $id and every pinned example agree', async () => {
    expect((await runCli(['--version'])).stdout).toMatch(
      new RegExp(`^salesloft-hooks/${version.replaceAll('.', '\\.')} `),
    );
    expect(changelogEntries()[0]?.version).toBe(version);
    const library = JSON.parse(readFileSync(join(ROOT, 'packages', 'webhooks', 'package.json'), 'utf8')) as {
      name: string;
      version: string;
    };
    const root = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    expect([library.version, root.dependencies[library.name]]).toEqual([version, version]);
    const texts = [
      'README.md',
      ...readdirSync(join(ROOT, 'docs'))
        .filter((name) => name.endsWith('.md'))
        .map((name) => `docs/${name}`),
      'schema/sync.schema.json',
    ].map((file) => [file, readFileSync(join(ROOT, file), 'utf8')] as const);
    const pinned = texts.flatMap(([file, text]) =>
      [...text.matchAll(/salesloft-hooks@v?(\d+\.\d+\.\d+)/g)].map((match) => `${file}: ${match[1]}`),
    );
    expect(pinned.length).toBeGreaterThan(3);
    expect(pinned.filter((entry) => !entry.endsWith(`: ${version}`))).toEqual([]);
  });

  it('releases publish both packages through trusted publishing: provenance, an OIDC token, no stored npm token', () => {
    const workflow = readFileSync(join(ROOT, '.github', 'workflows', 'release.yml'), 'utf8');
    expect(workflow).toContain('id-token: write');
    expect(workflow).toContain('npm publish --workspace packages/webhooks --provenance --access public');
    expect(workflow).toContain('npm publish --provenance --access public');
    expect(workflow).not.toMatch(/NPM_TOKEN|NODE_AUTH_TOKEN/);
  });

  it('the release notes are the changelog entry; a tag that names another version stops the release', async () => {
    const notes = await run(process.execPath, [
      join(ROOT, 'scripts', 'release', 'changelog-entry.js'),
      version,
    ]);
    expect(notes.stdout.trim()).toBe(changelogEntries()[0]?.body);
    expect(notes.stdout).toContain('Salesloft as it really is (issue 33)');
    const wrong = await run(process.execPath, [
      join(ROOT, 'scripts', 'release', 'check-version.js'),
      'v9.9.9',
    ]).catch((error: { code: number; stderr: string }) => error);
    expect(wrong).toMatchObject({
      code: 1,
      stderr: expect.stringContaining(`Version mismatch: the tag names 9.9.9, package.json ${version}.`),
    });
  });
});
