/** What went wrong with a delivery, and the HTTP status a receiver answers for it. */
export class WebhookError extends Error {
  constructor(
    message: string,
    readonly status: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The signature is missing, not an HMAC-SHA1, or not the body's under any token (401: handlers are not called). */
export class SignatureError extends WebhookError {
  constructor(readonly reason: 'missing' | 'malformed' | 'mismatch') {
    super(
      `Salesloft signature ${reason === 'missing' ? 'is missing' : reason === 'malformed' ? 'is malformed' : 'does not match'}`,
      401,
    );
  }
}

/** A signed body that is not a JSON object, or a delivery without `x-salesloft-event` (400). */
export class PayloadError extends WebhookError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, 400, options);
  }
}

/** The framework names in the message of a body another middleware read first. */
const BODY_FIXES =
  'Express: mount the middleware before express.json(), or use express.raw(); Koa: before koa-bodyparser / @koa/bodyparser, handing it ctx.req and ctx.res; Fastify: a content-type parser with parseAs: "buffer"; Hono: pass c.req.raw before c.req.json() or c.req.text() reads it';

/**
 * Another middleware read the request's body before this one (a JSON body parser): the bytes
 * Salesloft signed are gone, so no signature can be checked (500, never a 401 that blames the
 * signature). The message names the fix for each framework.
 */
export class BodyConsumedError extends WebhookError {
  constructor(readonly runtime: 'node' | 'fetch') {
    super(
      `The request body was already read by another middleware (a JSON body parser), so the bytes Salesloft signed are gone. ${BODY_FIXES}.`,
      500,
    );
  }
}

/** More `x-salesloft-signature` values than a delivery could carry (400): nothing is computed for them. */
export class TooManySignaturesError extends WebhookError {
  constructor(readonly count: number) {
    super(
      `The request carries ${count} x-salesloft-signature values; at most ${MAX_SIGNATURE_VALUES} are checked`,
      400,
    );
  }
}

/** How many signature values a request may carry: each costs one HMAC per token. */
export const MAX_SIGNATURE_VALUES = 8;

/** The same delivery is being handled now (a retry that overtook a slow first attempt): 409, Salesloft retries later. */
export class DeliveryInProgressError extends WebhookError {
  constructor() {
    super('This delivery is being handled right now; retry later', 409);
  }
}

/** A body over `maxBodyBytes` (413). */
export class PayloadTooLargeError extends WebhookError {
  constructor(readonly limit: number) {
    super(`Delivery body is larger than ${limit} bytes`, 413);
  }
}

/** One or more handlers threw (500: Salesloft retries the delivery, so handlers must be idempotent). */
export class HandlerError extends WebhookError {
  constructor(
    readonly errors: readonly unknown[],
    readonly eventType: string,
  ) {
    super(
      `${errors.length === 1 ? 'A handler' : `${errors.length} handlers`} of ${eventType} failed: ${errors
        .map((error) => (error instanceof Error ? error.message : String(error)))
        .join('; ')}`,
      500,
      { cause: errors[0] },
    );
  }
}
