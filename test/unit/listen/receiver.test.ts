import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Delivery } from '../../../src/listen/delivery.js';
import { Receiver } from '../../../src/listen/receiver.js';
import { hmacHex } from '../../support/hmac.js';

const TOKEN = 'receiver-token';
const PATH = '/salesloft-hooks/abc';
const sockets: Socket[] = [];
afterEach(() => {
  for (const socket of sockets.splice(0)) socket.destroy();
});

async function receiver(limit?: number) {
  const delivered: Delivery[] = [];
  const instance = await new Receiver({
    sessionPath: PATH,
    token: TOKEN,
    limit,
    onDelivery: (delivery) => delivered.push(delivery),
  }).start();
  return { instance, delivered };
}

function post(instance: Receiver, body: string) {
  return fetch(`${instance.localUrl}${PATH}`, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', 'x-salesloft-signature': hmacHex(body, TOKEN) },
  });
}

/** Sends the head of a POST and part of its body, and keeps the socket open. */
async function partialPost(instance: Receiver): Promise<Socket> {
  const socket = connect({ host: '127.0.0.1', port: instance.port });
  sockets.push(socket);
  await new Promise((resolve) => socket.once('connect', resolve));
  socket.write(`POST ${PATH} HTTP/1.1\r\nhost: x\r\ncontent-length: 100\r\n\r\n{"id"`);
  await vi.waitFor(() => expect(instance.admittedCount).toBe(1));
  return socket;
}

describe('the receiver', () => {
  it('a request aborted before its body ends gives its --max-deliveries place back', async () => {
    const { instance, delivered } = await receiver(1);
    const aborted = await partialPost(instance);
    aborted.destroy();
    await vi.waitFor(() => expect(instance.admittedCount).toBe(0));
    const answer = await post(instance, '{"id":1}');
    expect(answer.status).toBe(200);
    expect(delivered.map((delivery) => delivery.id)).toEqual([1]);
    expect((await post(instance, '{"id":2}')).status).toBe(503);
    await instance.close();
  });

  it('close() ends a client that dribbles a body, after the grace period', async () => {
    const { instance } = await receiver();
    const dribbling = await partialPost(instance);
    const closedSocket = new Promise((resolve) => dribbling.once('close', resolve));
    await instance.close(200);
    await closedSocket;
    expect(dribbling.destroyed).toBe(true);
  });
});
