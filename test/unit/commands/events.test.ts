import { describe, expect, it } from 'vitest';
import Events from '../../../src/commands/events.js';
import { runCommand } from '../../support/command.js';

describe('events (in process)', () => {
  it('returns the catalog of 37 types with scopes, and prints it grouped by resource', async () => {
    const { result, stdout, exitCode } = await runCommand(Events, []);
    expect(exitCode).toBe(0);
    expect(result).toHaveLength(37);
    expect(result?.find((event) => event.name === 'person_updated')).toMatchObject({
      resource: 'person',
      scopes: ['people:read'],
    });
    expect(stdout).toMatch(/^person$/m);
  });
});
