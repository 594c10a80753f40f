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
