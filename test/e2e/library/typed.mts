import type { IncomingHttpHeaders } from 'node:http';
import { startEmulator, verifySignature, type WebhookEvent, Webhooks } from '@salesloft-hooks/webhooks';

const webhooks = new Webhooks({ tokens: ['current', 'previous'] });
webhooks.on('person_updated', (event) => {
  const name: string | null = event.payload.first_name;
  return name;
});
webhooks.on(['task_created', 'task_completed'], (event) => {
  const subject: string = event.payload.subject;
  return subject;
});
webhooks.on('*', (event) => {
  // A type newer than the library arrives here too: check `known`, then the switch is exhaustive.
  if (!event.known) return event.eventType;
  const typed: WebhookEvent = event;
  switch (typed.eventType) {
    case 'cadence_membership_created':
      return typed.payload.current_state;
    default:
      return typed.eventType;
  }
});
webhooks.on('task_updated', (event) => {
  // Seen in real deliveries: completed_by (a link or null); a field not listed is there as unknown.
  const completer: number | undefined = event.payload.completed_by?.id;
  const unlisted: unknown = event.payload.some_new_field;
  const state: string = event.payload.current_state;
  return [completer, unlisted, state];
});
webhooks.on('link_swap', (event) => ({ links: { [event.payload.links[0] ?? '']: 'https://b.example/y' } }));
const headers: IncomingHttpHeaders = {};
export const valid: boolean = verifySignature({
  body: '{}',
  token: 't',
  signature: headers['x-salesloft-signature'],
});
export async function fire(): Promise<void> {
  const emulator = await startEmulator();
  emulator.fire('person_updated');
  // Merged onto the sample: a nested field alone is enough.
  emulator.fire('person_updated', { counts: { calls: 3 } });
  emulator.fireRaw('task_updated', '{"id":1}');
  await emulator.close();
}
