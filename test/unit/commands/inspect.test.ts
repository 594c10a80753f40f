import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import Inspect from '../../../src/commands/inspect.js';
import { tempDir } from '../../support/cli.js';
import { startCommand } from '../../support/command.js';
import { untilOutput } from '../../support/in-process.js';

describe('inspect (in process)', () => {
  it('serves a recording’s deliveries on the key-protected page until stopped', async () => {
    const file = join(tempDir(), 'deliveries.jsonl');
    const line = {
      v: 1,
      id: 1,
      received_at: '2026-12-01T00:00:00.000Z',
      event_type: 'note_created',
      path: '/salesloft-hooks/abc',
      headers: { 'content-type': 'application/json' },
      body_base64: Buffer.from('{"id":7}').toString('base64'),
      signature: { valid: true, reason: null },
    };
    writeFileSync(file, `${JSON.stringify(line)}\n`);
    const running = await startCommand(Inspect, ['--from', file, '--token', 't']);
    const [, url] = await untilOutput(
      running.stderr,
      /Inspector: (http:\/\/127\.0\.0\.1:\d+\/\?key=[0-9a-f]+)/,
    );
    const page = new URL(url as string);
    const listed = await fetch(`${page.origin}/api/deliveries?key=${page.searchParams.get('key')}`);
    expect(
      ((await listed.json()) as { rows: { event_type: string }[] }).rows.map((row) => row.event_type),
    ).toEqual(['note_created']);
    expect((await fetch(`${page.origin}/api/deliveries`)).status).toBe(403);
    process.emit('SIGINT', 'SIGINT');
    expect((await running.done).exitCode).toBe(0);
  });
});
