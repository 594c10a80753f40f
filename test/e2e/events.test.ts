import { describe, expect, it } from 'vitest';
import { parseJson, runCli } from '../support/cli.js';

interface CatalogEntry {
  name: string;
  resource: string;
  action: string;
  description: string;
  scopes: string[];
  synchronous: boolean;
  privileged: boolean;
}

describe('salesloft-hooks events', () => {
  it('--json prints exactly one JSON array of 37 entries with the contract fields', async () => {
    const result = await runCli(['events', '--json']);
    expect(result.code).toBe(0);
    const entries = parseJson<CatalogEntry[]>(result);
    expect(entries).toHaveLength(37);
    for (const entry of entries) {
      expect(Object.keys(entry).sort()).toEqual([
        'action',
        'description',
        'name',
        'privileged',
        'resource',
        'scopes',
        'synchronous',
      ]);
      expect(Array.isArray(entry.scopes)).toBe(true);
    }
    expect(entries.find((entry) => entry.name === 'task_completed')).toEqual({
      name: 'task_completed',
      resource: 'task',
      action: 'completed',
      description: 'A Task was completed.',
      scopes: ['tasks:read'],
      synchronous: false,
      privileged: false,
    });
    expect(entries.filter((entry) => entry.synchronous).map((entry) => entry.name)).toEqual(['link_swap']);
    expect(entries.filter((entry) => entry.privileged).map((entry) => entry.name)).toEqual([
      'email_with_body_and_subject_updated',
    ]);
  });

  it('prints a human catalog grouped by resource, without colour when piped', async () => {
    const result = await runCli(['events']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^person$/m);
    expect(result.stdout).toMatch(/^ {2}person_updated +A Person record was updated\. \(people:read\)$/m);
    expect(result.stdout).toMatch(/^ {2}link_swap +synchronous +Before an email goes out/m);
    expect(result.stdout).toMatch(/^ {2}email_with_body_and_subject_updated +privileged +An Email/m);
    expect(result.stdout).toContain('37 event types');
    expect(result.stdout).not.toContain('\u001b[');
    expect(result.stderr).toBe('');
  });

  it('an unknown flag is a usage error (exit 2), in --json mode too', async () => {
    const human = await runCli(['events', '--bogus']);
    expect(human.code).toBe(2);
    expect(human.stderr).toMatch(/Error: .*--bogus/);
    const json = await runCli(['events', '--bogus', '--json']);
    expect(json.code).toBe(2);
    expect(parseJson(json)).toEqual({
      error: { code: 'usage', message: expect.stringContaining('--bogus') },
    });
  });
});
