// On a runtime without node:crypto: the Fetch handler verifies with Web Crypto.
import { createFetchHandler, verifySignature, verifyWebhookAsync, Webhooks } from '@salesloft-hooks/webhooks';

const token = 'edge-token';
const key = await crypto.subtle.importKey(
  'raw',
  new TextEncoder().encode(token),
  { name: 'HMAC', hash: 'SHA-1' },
  false,
  ['sign'],
);
const sign = async (body) =>
  [...new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(body)))]
    .map((byte) => byte.toString(16).padStart(2, '0'))
    .join('');
const body = '{"id":42,"subject":"Send pricing"}';
const headers = { 'x-salesloft-event': 'task_created', 'x-salesloft-signature': await sign(body) };
const webhooks = new Webhooks({ token });
const seen = [];
webhooks.on('task_created', (event) => seen.push(event.payload.subject));
const handle = createFetchHandler(webhooks);
const post = (headers) =>
  handle(new Request('https://edge.example/hooks', { method: 'POST', body, headers }));
const good = await post(headers);
const forged = await post({ ...headers, 'x-salesloft-signature': '0'.repeat(40) });
const event = await verifyWebhookAsync({ body, headers, token });
let sync = 'no error';
try {
  verifySignature({ body, token, signature: headers['x-salesloft-signature'] });
} catch (error) {
  sync = error.message;
}
console.log(
  JSON.stringify({ good: good.status, forged: forged.status, seen, eventType: event.eventType, sync }),
);
