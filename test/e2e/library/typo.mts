import { startEmulator, Webhooks } from '@salesloft-hooks/webhooks';

const webhooks = new Webhooks({ token: 't' });
webhooks.on('persn_updated', () => undefined);
webhooks.on('person_updated', (event) => event.payload.frist_name.length);
export async function fire(): Promise<void> {
  const emulator = await startEmulator();
  emulator.fire('persn_updated');
}
webhooks.on('task_updated', (event) => event.payload.completed_by_user.id);
webhooks.on('link_swap', () => 'swap every link');
