import { startEmulator, Webhooks } from 'salesloft-hooks';

const webhooks = new Webhooks({ token: 't' });
webhooks.on('persn_updated', () => undefined);
webhooks.on('person_updated', (event) => event.payload.frist_name);
export async function fire(): Promise<void> {
  const emulator = await startEmulator();
  emulator.fire('persn_updated');
}
