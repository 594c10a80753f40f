import { byText } from '../shared/text.js';

/** One documented Salesloft webhook event type, as `events` lists it. */
export interface EventTypeInfo {
  readonly name: EventType;
  readonly resource: string;
  readonly action: string;
  readonly description: string;
  /** OAuth scopes the subscribing application needs to receive it. */
  readonly scopes: readonly string[];
  /**
   * Salesloft waits for the endpoint's answer before it goes on (link_swap: before every email the
   * team sends). Only its exact name selects it: `all` and globs leave it out.
   */
  readonly synchronous: boolean;
  /** Needs a privileged scope most keys lack: named to be subscribed, never in listen's default set. */
  readonly privileged: boolean;
}

type Row = readonly [
  name: string,
  resource: string,
  action: string,
  scope: string | null,
  description: string,
];

// The 37 event types of Salesloft's webhook reference (see shared/reference/salesloft-facts.md).
const ROWS = [
  ['account_created', 'account', 'created', 'accounts:read', 'A new Account record was created.'],
  ['account_deleted', 'account', 'deleted', 'accounts:read', 'An Account record was deleted.'],
  ['account_updated', 'account', 'updated', 'accounts:read', 'An existing Account record was updated.'],
  ['bulk_job_completed', 'bulk_job', 'completed', null, 'A Bulk Job has completed processing.'],
  ['cadence_created', 'cadence', 'created', 'cadences:read', 'A new Cadence was created.'],
  ['cadence_deleted', 'cadence', 'deleted', 'cadences:read', 'A Cadence was deleted.'],
  [
    'cadence_membership_created',
    'cadence_membership',
    'created',
    'cadences:read',
    'A Person was added to a Cadence (Cadence Membership created).',
  ],
  [
    'cadence_membership_updated',
    'cadence_membership',
    'updated',
    'cadences:read',
    'A Cadence Membership was updated (state change, advance, etc.).',
  ],
  ['cadence_updated', 'cadence', 'updated', 'cadences:read', 'An existing Cadence was updated.'],
  ['call_created', 'call', 'created', 'calls:read', 'A Call activity record was created.'],
  [
    'call_data_record_created',
    'call_data_record',
    'created',
    'calls:read',
    'A Call Data Record (CDR) was created.',
  ],
  [
    'call_data_record_updated',
    'call_data_record',
    'updated',
    'calls:read',
    'A Call Data Record (CDR) was updated.',
  ],
  ['call_updated', 'call', 'updated', 'calls:read', 'A Call activity record was updated.'],
  [
    'conversation_created',
    'conversation',
    'created',
    'conversations:read',
    'A Conversation (recorded meeting) was created.',
  ],
  [
    'conversation_recording_created',
    'conversation_recording',
    'created',
    'conversations:read',
    'A recording was attached to a Conversation.',
  ],
  [
    'conversation_transcript_created',
    'conversation_transcript',
    'created',
    'conversations:read',
    'A transcript was generated for a Conversation.',
  ],
  [
    'email_updated',
    'email',
    'updated',
    'emails:read',
    'An Email record was updated (its status, counts or bounce).',
  ],
  [
    'email_with_body_and_subject_updated',
    'email',
    'updated_with_body_and_subject',
    'email_contents:read',
    'An Email record state was updated; the payload includes body and subject.',
  ],
  [
    'link_swap',
    'email',
    'link_swap',
    'emails:read',
    'Before an email goes out, Salesloft sends its links and waits: the answer swaps them.',
  ],
  ['meeting_booked', 'meeting', 'booked', 'meetings:read', 'A Meeting was booked.'],
  ['meeting_updated', 'meeting', 'updated', 'meetings:read', 'A Meeting record was updated.'],
  ['note_created', 'note', 'created', 'notes:read', 'A Note was created.'],
  ['note_deleted', 'note', 'deleted', 'notes:read', 'A Note was deleted.'],
  ['note_updated', 'note', 'updated', 'notes:read', 'A Note was updated.'],
  ['person_created', 'person', 'created', 'people:read', 'A Person record was created.'],
  ['person_deleted', 'person', 'deleted', 'people:read', 'A Person record was deleted.'],
  ['person_updated', 'person', 'updated', 'people:read', 'A Person record was updated.'],
  ['step_created', 'step', 'created', 'cadences:read', 'A Cadence Step was created.'],
  ['step_deleted', 'step', 'deleted', 'cadences:read', 'A Cadence Step was deleted.'],
  ['step_updated', 'step', 'updated', 'cadences:read', 'A Cadence Step was updated.'],
  [
    'success_created',
    'success',
    'created',
    'people:read',
    'A Success (closed-won / outcome) record was created.',
  ],
  ['task_completed', 'task', 'completed', 'tasks:read', 'A Task was completed.'],
  ['task_created', 'task', 'created', 'tasks:read', 'A Task was created.'],
  ['task_deleted', 'task', 'deleted', 'tasks:read', 'A Task was deleted.'],
  ['task_updated', 'task', 'updated', 'tasks:read', 'A Task was updated.'],
  ['user_created', 'user', 'created', 'team:read', 'A Salesloft User was created.'],
  ['user_updated', 'user', 'updated', 'team:read', 'A Salesloft User was updated.'],
] as const satisfies readonly Row[];

/** Hooks Salesloft waits on (salesloft-facts.md, "link_swap is a synchronous hook"). */
const SYNCHRONOUS: ReadonlySet<string> = new Set(['link_swap']);
/** Scopes Salesloft grants only on request (salesloft-facts.md, "Event types"). */
const PRIVILEGED_SCOPES: ReadonlySet<string> = new Set(['email_contents:read']);

/** The name of one of the 37 documented event types: `'account_created' | ... | 'user_updated'`. */
export type EventType = (typeof ROWS)[number][0];

/** The catalog, sorted by name: the only list of event types in the project. */
export const EVENT_TYPES: readonly EventTypeInfo[] = ROWS.map(
  ([name, resource, action, scope, description]) => ({
    name,
    resource,
    action,
    description,
    scopes: scope ? [scope] : [],
    synchronous: SYNCHRONOUS.has(name),
    privileged: scope !== null && PRIVILEGED_SCOPES.has(scope),
  }),
).sort((a, b) => byText(a.name, b.name));

const BY_NAME = new Map(EVENT_TYPES.map((event) => [event.name, event]));

export function findEventType(name: string): EventTypeInfo | undefined {
  return BY_NAME.get(name as EventType);
}

export function isCatalogEvent(name: string): name is EventType {
  return BY_NAME.has(name as EventType);
}
