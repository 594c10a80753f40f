import { findEventType } from '../../../packages/webhooks/src/catalog/event-types.js';
import { excerpt as cut } from '../../../packages/webhooks/src/shared/text.js';

const excerpt = (value: string | undefined, max = 80): string | undefined =>
  value === undefined ? undefined : cut(value, max);

type Json = Record<string, unknown>;

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;

const SUMMARIES: Record<string, (body: Json) => string | undefined> = {
  person: (b) => joinName(b, 'first_name', 'last_name', 'email_address') ?? text(b.display_name),
  user: (b) => text(b.name) ?? joinName(b, 'first_name', 'last_name', 'email'),
  account: (b) => text(b.name) ?? text(b.domain),
  task: (b) => [text(b.subject), text(b.current_state)].filter(Boolean).join(' · ') || undefined,
  email: (b) =>
    [text(b.subject), text(b.status), text(b.recipient_email_address)].filter(Boolean).join(' · ') ||
    undefined,
  cadence: (b) => text(b.name),
  cadence_membership: (b) => text(b.current_state),
  step: (b) => text(b.display_name) ?? text(b.name),
  meeting: (b) => text(b.title) ?? text(b.recipient_email),
  note: (b) => excerpt(text(b.content)),
  call: (b) => [text(b.disposition), text(b.to)].filter(Boolean).join(' · ') || undefined,
  call_data_record: (b) =>
    [text(b.direction), text(b.status), text(b.to)].filter(Boolean).join(' · ') || undefined,
  conversation: (b) => text(b.title),
  bulk_job: (b) => [text(b.name), text(b.state)].filter(Boolean).join(' · ') || undefined,
};

/** A short human summary of a delivery body: a person's name and email, a task's subject, ... */
export function summarize(eventType: string | null, body: unknown): string {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return '';
  const json = body as Json;
  const resource = eventType ? findEventType(eventType)?.resource : undefined;
  const specific = resource ? SUMMARIES[resource]?.(json) : undefined;
  return (
    excerpt(
      specific ?? text(json.name) ?? text(json.subject) ?? text(json.title) ?? text(json.email_address),
    ) ?? ''
  );
}

function joinName(body: Json, first: string, last: string, email: string): string | undefined {
  const name = [text(body[first]), text(body[last])].filter(Boolean).join(' ');
  const address = text(body[email]);
  if (name && address) return `${name} <${address}>`;
  return name || address;
}
