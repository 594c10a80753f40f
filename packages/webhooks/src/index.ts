// @salesloft-hooks/webhooks: `Webhooks`, `createNodeMiddleware`, `createFetchHandler` and the rest,
// for import and require. No dependencies; the CLI is built from this same source. Loading it loads
// no HTTP client and no node: module (the emulator brings node:http when started), so it also runs
// where node:crypto is missing (edge runtimes).
export { EVENT_TYPES, type EventType, type EventTypeInfo } from './catalog/event-types.js';
export type { LinkSwapAnswer } from './catalog/link-swap.js';
export type * from './catalog/payloads.js';
export { type Answer, linkSwapAnswer } from './library/answer.js';
export {
  type ClaimResult,
  DEDUPE_CLAIM_MS,
  DEDUPE_TTL_MS,
  type DedupeStore,
  MemoryDedupeStore,
} from './library/dedupe.js';
export {
  type Emulator,
  type EmulatorOptions,
  type FaultRule,
  type Subscription,
  startEmulator,
} from './library/emulator.js';
export {
  BodyConsumedError,
  DeliveryInProgressError,
  HandlerError,
  MAX_SIGNATURE_VALUES,
  PayloadError,
  PayloadTooLargeError,
  SignatureError,
  TooManySignaturesError,
  WebhookError,
} from './library/errors.js';
export type {
  AnyWebhookEvent,
  HandlerResult,
  UnknownWebhookEvent,
  WebhookEvent,
  WebhookHandler,
} from './library/events.js';
export { createFetchHandler } from './library/fetch-handler.js';
export type { HeadersInput } from './library/headers.js';
export { createNodeMiddleware, type NodeMiddlewareOptions } from './library/node-middleware.js';
export {
  createRedisDedupeStore,
  type RedisClientLike,
  type RedisDedupeOptions,
} from './library/redis-dedupe.js';
export { samplePayload } from './library/samples.js';
export {
  diagnoseSignature,
  signPayload,
  type TokenInput,
  verifyRequest,
  verifySignature,
  verifySignatureAsync,
  verifyWebhook,
  verifyWebhookAsync,
} from './library/signatures.js';
export { signedDelivery } from './library/test-helpers.js';
export { DEFAULT_MAX_BODY_BYTES, Webhooks, type WebhooksOptions } from './library/webhooks.js';
