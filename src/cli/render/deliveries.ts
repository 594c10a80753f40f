import type { ChalkInstance } from 'chalk';
import type { LinkSwapVerdict } from '../../../packages/webhooks/src/catalog/link-swap.js';
import { MAX_JSON_DEPTH, nestedDeeperThan } from '../../../packages/webhooks/src/shared/json-depth.js';
import { safeText, safeUrl } from '../../../packages/webhooks/src/shared/text.js';
import { type Delivery, examined, REPLAY_HEADER } from '../../listen/delivery.js';
import type { DeliveryView } from '../../listen/session.js';
import { summarize } from './delivery-summary.js';

const MAX_ID_CHARS = 40;

/** The `--json` line of a delivery, as the contract fixes it. */
export function deliveryJson(delivery: Delivery, body: unknown): string {
  const line = JSON.stringify({
    v: 1,
    id: delivery.id,
    received_at: delivery.received_at,
    event_type: delivery.event_type,
    path: delivery.path,
    signature: { valid: delivery.signature.valid, reason: delivery.signature.reason },
    body: BODY_SLOT,
    forward: delivery.forward && {
      status: delivery.forward.status,
      ms: delivery.forward.ms,
      error: delivery.forward.error,
      ...(delivery.forward.route ? { route: delivery.forward.route } : {}),
    },
    ...(delivery.link_swap ? { link_swap: delivery.link_swap } : {}),
  });
  // A body that parsed is valid JSON, where a raw CR or LF can only be whitespace between tokens
  // (inside strings they must be escaped): folding them leaves one-line JSON of the same value.
  // Its bytes are spliced in rather than serialised again, which is faster under load and cannot
  // overflow the stack on a deeply nested body.
  const raw =
    body === null
      ? 'null'
      : delivery.body
          .toString('utf8')
          .trim()
          .replace(/[\r\n]+/g, ' ');
  // Quotes inside other string values are escaped, so this unescaped key and value can only be the slot.
  const at = line.indexOf(BODY_FIELD);
  return `${line.slice(0, at)}"body":${raw}${line.slice(at + BODY_FIELD.length)}`;
}

const BODY_SLOT = '@@body@@';
const BODY_FIELD = `"body":"${BODY_SLOT}"`;

/** `14:02:11  #3  person_updated  4711  Ada Lovelace <ada@…>  verified`: shown as soon as it is verified. */
export function deliveryLine(
  delivery: Delivery,
  body: unknown,
  retryOf: number | undefined,
  color: ChalkInstance,
): string {
  const resourceId =
    body && typeof body === 'object' && 'id' in body
      ? safeText(String((body as { id: unknown }).id), MAX_ID_CHARS)
      : '-';
  const summary = safeText(summarize(delivery.event_type, body));
  const hint = delivery.signature.hint ? ` (${delivery.signature.hint})` : '';
  const verdict = delivery.signature.valid
    ? color.green('verified')
    : color.red(`INVALID: ${safeText(delivery.signature.reason ?? '')}${safeText(hint, 160)}`);
  const parts = [
    color.dim(delivery.received_at.slice(11, 19)),
    color.dim(`#${delivery.id}`),
    color.bold(delivery.event_type === null ? '(no x-salesloft-event)' : safeText(delivery.event_type, 60)),
    resourceId,
  ];
  if (summary) parts.push(summary);
  parts.push(verdict);
  if (retryOf !== undefined) parts.push(color.yellow(`retry of #${retryOf}`));
  const replayOf = delivery.headers[REPLAY_HEADER];
  if (typeof replayOf === 'string' && /^\d+$/.test(replayOf)) parts.push(color.dim(`replay of #${replayOf}`));
  return parts.join('  ');
}

/**
 * `14:02:11  #3  <-- 200 12 ms`: the forward target's answer, on its own line when it comes; for
 * link_swap, what Salesloft would make of it (`links: 1 swapped: https://a → https://b`).
 */
export function forwardLine(delivery: Delivery, color: ChalkInstance, now = new Date()): string {
  const forward = delivery.forward;
  const head = `${color.dim(now.toISOString().slice(11, 19))}  ${color.dim(`#${delivery.id}`)}  `;
  const links = delivery.link_swap ? `  ${linkSwapText(delivery.link_swap, color)}` : '';
  if (!forward)
    return `${head}--> 200 {"links":{}}${links} ${color.dim('(no --forward-to: the email goes out as written)')}`;
  if (forward.status === null)
    return `${head}${color.red(`<-- 502 (${safeText(forward.error ?? '')}) ${forward.ms} ms`)}${links}${routeText(forward, color)}`;
  const excerpt = forward.excerpt ? color.dim(` ${safeText(JSON.stringify(forward.excerpt))}`) : '';
  return `${head}<-- ${colorStatus(forward.status, color)} ${forward.ms} ms${excerpt}${links}${routeText(forward, color)}`;
}

/** `  via localhost:3000/people`: the route's target, when there are several. */
function routeText(forward: NonNullable<Delivery['forward']>, color: ChalkInstance): string {
  if (!forward.route) return '';
  const url = new URL(forward.route);
  return color.dim(`  via ${safeUrl(`${url.host}${url.pathname}`)}`);
}

const SHOWN_SWAPS = 3;

/** A link_swap answer's verdict: the links it swaps, none, or why Salesloft could not use it. */
export function linkSwapText(verdict: LinkSwapVerdict, color: ChalkInstance): string {
  if (!verdict.valid) return color.red(`links: INVALID: ${safeText(verdict.reason ?? '', 200)}`);
  const swaps = Object.entries(verdict.links);
  if (swaps.length === 0) return color.green('links: none swapped');
  const shown = swaps
    .slice(0, SHOWN_SWAPS)
    .map(([from, to]) => `${safeUrl(from, 80)} → ${safeUrl(to, 80)}`)
    .join(', ');
  const more = swaps.length > SHOWN_SWAPS ? `, and ${swaps.length - SHOWN_SWAPS} more` : '';
  return color.green(`links: ${swaps.length} swapped: ${shown}${more}`);
}

/** The body as JSON for a delivery's lines; null when it is not JSON, or a forgery too large to look into. */
function examinedBody(delivery: Delivery): unknown {
  return examined(delivery) ? parseBody(delivery.body) : null;
}

/** The body as JSON, or null when it is not JSON. */
export function parseBody(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return null;
  }
}

/** An HTTP status coloured the same way everywhere: 2xx green, 5xx red, anything else yellow. */
export function colorStatus(status: number, color: ChalkInstance): string {
  const text = String(status);
  if (status >= 200 && status < 300) return color.green(text);
  return status >= 500 ? color.red(text) : color.yellow(text);
}

/**
 * `#3 person_updated  <-- 200 12 ms "ok"`: one delivery sent by `trigger` or `replay`, the app's
 * answer with the same arrow as listen's forward line.
 */
export function sentLine(
  id: number,
  eventType: string,
  outcome: { status: number; ms: number; excerpt?: string; link_swap?: LinkSwapVerdict },
  color: ChalkInstance,
): string {
  const excerpt = outcome.excerpt ? color.dim(` ${safeText(JSON.stringify(outcome.excerpt))}`) : '';
  const links = outcome.link_swap ? `  ${linkSwapText(outcome.link_swap, color)}` : '';
  return `#${id} ${safeText(eventType)}  <-- ${colorStatus(outcome.status, color)} ${outcome.ms} ms${excerpt}${links}`;
}

/** What `listen` prints: JSON lines once each delivery is answered, or human lines as they happen. */
export function deliveryView(
  json: boolean,
  color: ChalkInstance,
  show: { body?: boolean; headers?: boolean } = {},
): DeliveryView {
  if (json) {
    return {
      received: () => undefined,
      answered: (delivery) => deliveryJson(delivery, examinedBody(delivery)),
      unrendered: (delivery) => deliveryJson(delivery, null),
    };
  }
  return {
    received: (delivery, retryOf) => {
      const body = examinedBody(delivery);
      const lines = [deliveryLine(delivery, body, retryOf, color)];
      if (show.headers) lines.push(...headerLines(delivery, color));
      if (show.body) lines.push(...bodyLines(delivery, body, color));
      return lines.join('\n');
    },
    answered: (delivery) =>
      delivery.forward || delivery.link_swap ? forwardLine(delivery, color) : undefined,
    unrendered: (delivery, error) => unrenderedLine(delivery, error, color),
  };
}

/** A delivery whose lines could not be rendered: its id, type, verdict and size, never nothing. */
export function unrenderedLine(delivery: Delivery, error: unknown, color: ChalkInstance): string {
  const verdict = delivery.signature.valid
    ? color.green('verified')
    : color.red(`INVALID: ${safeText(delivery.signature.reason ?? '')}`);
  const reason = safeText(error instanceof Error ? error.message : String(error), 120);
  return [
    color.dim(delivery.received_at.slice(11, 19)),
    color.dim(`#${delivery.id}`),
    color.bold(delivery.event_type === null ? '(no x-salesloft-event)' : safeText(delivery.event_type, 60)),
    verdict,
    color.yellow(`(${delivery.body.length} bytes, not displayed: ${reason})`),
  ].join('  ');
}

const INDENT = '    ';
const MAX_STRING = 200;

/** `--headers`: one escaped line per header, under the delivery line. */
export function headerLines(delivery: Delivery, color: ChalkInstance): string[] {
  return Object.entries(delivery.headers).map(
    ([name, value]) =>
      `${INDENT}${color.dim(`${safeText(name, 60)}:`)} ${safeText(Array.isArray(value) ? value.join(', ') : String(value ?? ''), MAX_STRING)}`,
  );
}

/** `--body`: the body as indented JSON (or its text), escaped, long strings cut, coloured on a terminal. */
export function bodyLines(delivery: Delivery, body: unknown, color: ChalkInstance): string[] {
  const text = delivery.body.toString('utf8');
  if (body === null) return [`${INDENT}${color.dim(safeText(text, MAX_STRING * 5))}`];
  if (nestedDeeperThan(text)) {
    return [
      `${INDENT}${color.yellow(`(nested deeper than ${MAX_JSON_DEPTH} levels: shown as text)`)}`,
      `${INDENT}${color.dim(safeText(text, MAX_STRING * 5))}`,
    ];
  }
  const lines: string[] = [];
  const walk = (value: unknown, depth: number, prefix: string, last: boolean) => {
    const pad = INDENT + '  '.repeat(depth);
    const comma = last ? '' : ',';
    if (value !== null && typeof value === 'object') {
      const entries = Array.isArray(value)
        ? value.map((item) => [null, item] as const)
        : Object.entries(value);
      const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
      if (entries.length === 0) {
        lines.push(`${pad}${prefix}${open}${close}${comma}`);
        return;
      }
      lines.push(`${pad}${prefix}${open}`);
      entries.forEach(([name, child], index) => {
        const childPrefix = name === null ? '' : `${color.cyan(safeText(JSON.stringify(name), 80))}: `;
        walk(child, depth + 1, childPrefix, index === entries.length - 1);
      });
      lines.push(`${pad}${close}${comma}`);
      return;
    }
    lines.push(`${pad}${prefix}${scalar(value, color)}${comma}`);
  };
  walk(body, 0, '', true);
  return lines;
}

function scalar(value: unknown, color: ChalkInstance): string {
  if (typeof value === 'string') return color.green(safeText(JSON.stringify(value), MAX_STRING));
  if (typeof value === 'number') return color.yellow(String(value));
  return color.magenta(String(value));
}
