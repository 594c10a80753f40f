import { describe, expect, it } from 'vitest';
import Trigger from '../../../src/commands/trigger.js';
import { runCommand } from '../../support/command.js';
import { hmacHex } from '../../support/hmac.js';
import { recordingServer } from '../../support/receiver.js';

describe('trigger (in process)', () => {
  it('sends one signed sample per matched type and returns each answer; a refusal is exit 1', async () => {
    const app = await recordingServer((n) => (n === 3 ? 401 : 200));
    const run = await runCommand(Trigger, ['person_*', '--to', app.url, '--token', 'tok', '--json']);
    expect(run.result?.deliveries.map((d) => [d.event_type, d.status])).toEqual([
      ['person_created', 200],
      ['person_deleted', 200],
      ['person_updated', 401],
    ]);
    expect(run.exitCode).toBe(1);
    for (const request of app.received) {
      expect(request.headers['x-salesloft-signature']).toBe(hmacHex(request.body, 'tok'));
    }
  });

  it('--print writes the sample body with --set applied, and sends nothing', async () => {
    const run = await runCommand(Trigger, ['task_created', '--print', '--set', 'subject=Call Ada']);
    expect(run.exitCode).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ subject: 'Call Ada' });
  });
});
