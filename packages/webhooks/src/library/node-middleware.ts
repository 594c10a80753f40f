import type { IncomingMessage, ServerResponse } from 'node:http';
import { readCapped } from '../net/body.js';
import { type Answer, answerFor, servesPath } from './answer.js';
import { BodyConsumedError, PayloadTooLargeError, WebhookError } from './errors.js';
import type { Webhooks } from './webhooks.js';

/** A request as Node hands it over, and as Express or Fastify may have decorated it (`body`). */
type Request = IncomingMessage & { body?: unknown; originalUrl?: string };

export interface NodeMiddlewareOptions {
  /** Serve only this path (other requests go to `next`, or get 404 without one). Default: every path. */
  path?: string;
}

/**
 * A `node:http` request listener that is also Express (or Connect) middleware: it reads the raw
 * body itself (or takes the `Buffer`/string that `express.raw()` or a Fastify buffer parser left in
 * `req.body`), verifies, dispatches, and answers 200, 400, 401, 405, 413 or 500.
 */
export function createNodeMiddleware(
  webhooks: Webhooks,
  options: NodeMiddlewareOptions = {},
): (req: Request, res: ServerResponse, next?: (error?: unknown) => void) => void {
  return (req, res, next) => {
    if (!servesPath(req.originalUrl ?? req.url, options.path)) {
      if (next) return next();
      return send(res, answerFor({ error: new WebhookError('Not Found', 404) }));
    }
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST');
      return send(res, answerFor({ error: new WebhookError('Method Not Allowed', 405) }));
    }
    const fail = (error: unknown) => {
      if (!(error instanceof BodyConsumedError)) return send(res, answerFor({ error }));
      void webhooks.reportError(error).then(() => send(res, answerFor({ error })));
    };
    rawBody(
      req,
      webhooks.maxBodyBytes,
      (body) => {
        // Synchronous all the way when nothing has to wait (see Webhooks.process).
        let result: ReturnType<Webhooks['process']>;
        try {
          result = webhooks.process({ body, headers: req.headers });
        } catch (error) {
          return fail(error);
        }
        if (result instanceof Promise) result.then((answer) => send(res, answerFor({ answer })), fail);
        else send(res, answerFor({ answer: result }));
      },
      fail,
    );
  };
}

function send(res: ServerResponse, answer: Answer): void {
  if (res.headersSent) return;
  res.writeHead(answer.status, answer.headers).end(answer.body);
}

/**
 * The bytes as they came: what a framework kept raw, else read from the stream (up to `limit`) with
 * the callback reader the CLI's receiver uses.
 */
function rawBody(
  req: Request,
  limit: number,
  done: (body: Uint8Array | string) => void,
  fail: (error: unknown) => void,
): void {
  if (typeof req.body === 'string' || req.body instanceof Uint8Array) {
    done(req.body);
    return;
  }
  // A parser ran first: it left an object in req.body (Express, Fastify), or only a stream that has
  // already ended (Koa's bodyparser keeps what it read on ctx.request).
  if ((req.body !== undefined && req.body !== null) || req.readableEnded) {
    fail(new BodyConsumedError('node'));
    return;
  }
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    fail(new PayloadTooLargeError(limit));
    return;
  }
  const failed = (error: unknown) => fail(error);
  req.once('error', failed);
  readCapped(req, limit, (body) => {
    req.off('error', failed);
    if (body === undefined) fail(new PayloadTooLargeError(limit));
    else done(body);
  });
}
