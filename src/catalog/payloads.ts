// What each delivery carries: the Salesloft v2 REST resource the event reports on, as real captured
// deliveries show it (shared/reference/salesloft-facts.md, "Payloads"). Real objects are two to three
// times wider than these lists, and Salesloft adds fields without notice: every payload admits
// fields not named here, typed `unknown`. Each type's comment says which fields real captures show
// and which are inferred from the REST reference. The emulator's samples are typed by the named
// fields (src/samples/resources.ts), so the compiler keeps the two in agreement.
import type { EventType } from './event-types.js';

/** Fields Salesloft sends that this library does not name yet: there at run time, `unknown` here. */
export interface UnlistedFields {
  [field: string]: unknown;
}

/** A value from a known set, or one Salesloft added since (any string still type-checks). */
export type KnownOr<T extends string> = T | (string & {});

/** A reference to another resource: its id and its REST URL. */
export interface Link {
  id: number;
  _href: string;
}

/** Timestamps look like `2026-01-22T01:22:45.587713-05:00`: microseconds and the team's UTC offset. */
export type Timestamp = string;

/**
 * A person. Inferred from the REST reference (no capture in the facts); real objects carry about 60
 * keys.
 */
export interface Person extends UnlistedFields {
  id: number;
  created_at: Timestamp;
  updated_at: Timestamp;
  last_contacted_at: Timestamp | null;
  first_name: string | null;
  last_name: string | null;
  display_name: string;
  email_address: string | null;
  secondary_email_address: string | null;
  personal_email_address: string | null;
  phone: string | null;
  mobile_phone: string | null;
  title: string | null;
  city: string | null;
  state: string | null;
  country: string | null;
  person_company_name: string | null;
  person_company_website: string | null;
  linkedin_url: string | null;
  do_not_contact: boolean;
  bouncing: boolean;
  eu_resident: boolean;
  tags: string[];
  custom_fields: Record<string, unknown>;
  counts: { emails_sent: number; emails_viewed: number; calls: number };
  account: Link | null;
  owner: Link | null;
  last_contacted_by: Link | null;
  import: Link | null;
  person_stage: Link | null;
}

/**
 * An account. Seen in captured `account_updated` and `account_deleted` deliveries: every field here
 * but `description`, `size`, `industry`, `account_tier` and `creator`, which come from the REST
 * reference. `counts.people` is null in every capture; `domain` can hold a whole URL.
 */
export interface Account extends UnlistedFields {
  id: number;
  created_at: Timestamp;
  updated_at: Timestamp;
  archived_at: Timestamp | null;
  name: string;
  domain: string | null;
  conversational_name: string | null;
  website: string | null;
  industry: string | null;
  size: string | null;
  description: string | null;
  phone: string | null;
  street: string | null;
  city: string | null;
  state: string | null;
  postal_code: string | null;
  country: string | null;
  locale: string | null;
  founded: string | null;
  company_type: string | null;
  revenue_range: string | null;
  linkedin_url: string | null;
  twitter_handle: string | null;
  do_not_contact: boolean;
  crm_id: string | null;
  crm_url: string | null;
  crm_object_type: string | null;
  owner_crm_id: string | null;
  tags: string[];
  custom_fields: Record<string, unknown>;
  counts: { people: number | null };
  owner: Link | null;
  creator: Link | null;
  account_tier: Link | null;
  company_stage: Link | null;
  last_contacted_at: Timestamp | null;
  last_contacted_by: Link | null;
  last_contacted_type: string | null;
  last_contacted_person: Link | null;
  prospector_engagement_level: string | null;
  /** A number written as a string (`"42.0"`). */
  prospector_engagement_score: string | null;
  user_relationships: unknown[];
}

/** A bulk job. Fields from the facts' reading of real objects; there is no success or error count but `errors`. */
export interface BulkJob extends UnlistedFields {
  id: number;
  name: string | null;
  type: string;
  state: KnownOr<'open' | 'executing' | 'done'>;
  scopes: string[];
  ready_to_execute: boolean;
  total: number;
  processed: number;
  /** Records that failed. */
  errors: number;
  created_at: Timestamp;
  updated_at: Timestamp;
  marked_ready_at: Timestamp | null;
  started_at: Timestamp | null;
  finished_at: Timestamp | null;
}

/** A cadence. Inferred from the REST reference (no capture in the facts). */
export interface Cadence extends UnlistedFields {
  id: number;
  created_at: Timestamp;
  updated_at: Timestamp;
  archived_at: Timestamp | null;
  name: string;
  team_cadence: boolean;
  shared: boolean;
  remove_bounces_enabled: boolean;
  remove_replies_enabled: boolean;
  opt_out_link_included: boolean;
  draft: boolean;
  cadence_framework_id: number | null;
  cadence_function: string;
  tags: string[];
  creator: Link | null;
  owner: Link | null;
  bounced_stage: Link | null;
  replied_stage: Link | null;
  added_stage: Link | null;
  finished_stage: Link | null;
  counts: { cadence_people: number; people_acted_on_count: number; target_daily_people: number };
}

/** A person's membership of a cadence. Fields inferred from the REST reference; the states are the documented set. */
export interface CadenceMembership extends UnlistedFields {
  id: number;
  added_at: Timestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
  person_deleted: boolean;
  currently_on_cadence: boolean;
  current_state: KnownOr<
    | 'processing'
    | 'staged'
    | 'active'
    | 'scheduled'
    | 'completed'
    | 'removed'
    | 'removed_no_action'
    | 'reassigned'
  >;
  cadence: Link;
  person: Link;
  user: Link | null;
  latest_action: Link | null;
  counts: {
    views: number;
    clicks: number;
    replies: number;
    calls: number;
    sent_emails: number;
    bounces: number;
  };
}

/** A call. Inferred from the REST reference; calls carry a `task` link. */
export interface Call extends UnlistedFields {
  id: number;
  to: string | null;
  duration: number | null;
  disposition: string | null;
  sentiment: string | null;
  recordings: unknown[];
  created_at: Timestamp;
  updated_at: Timestamp;
  user: Link | null;
  action: Link | null;
  called_person: Link | null;
  crm_activity: Link | null;
  note: Link | null;
  cadence: Link | null;
  step: Link | null;
  task: Link | null;
}

/** A call data record. Inferred from the REST reference; `call_type` is the documented set. */
export interface CallDataRecord extends UnlistedFields {
  id: number;
  to: string | null;
  from: string | null;
  duration: number | null;
  direction: KnownOr<'inbound' | 'outbound'>;
  status: string;
  call_type: KnownOr<'call' | 'bridge' | 'collaboration'>;
  call_uuid: string;
  recording: { url: string | null; status: string; recording_status: string | null };
  created_at: Timestamp;
  updated_at: Timestamp;
  call: Link | null;
  called_person: Link | null;
  user: Link | null;
}

/** A conversation (a recorded meeting). No public capture: a guess; keep a handler of it loose. */
export interface Conversation extends UnlistedFields {
  id: string;
  title: string;
  platform: string;
  media_type: string;
  duration: number;
  started_recording_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  user_guid: string;
  organization_id: string;
  account_id: number | null;
  person_id: number | null;
  opportunity_id: number | null;
  call_id: number | null;
  meeting_id: number | null;
}

/** A conversation's recording. No public capture: a guess. */
export interface ConversationRecording extends UnlistedFields {
  id: string;
  conversation_id: string;
  status: string;
  duration: number;
  media_type: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A conversation's transcript. No public capture: a guess. */
export interface ConversationTranscript extends UnlistedFields {
  id: string;
  conversation_id: string;
  language_code: string;
  status: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/**
 * An email activity. Inferred from the REST reference: `status` is where the email is in sending
 * (there is no `delivered`), `bounced` a separate boolean. Its subject and body come only with the
 * privileged scope (`email_with_body_and_subject_updated`).
 */
export interface Email extends UnlistedFields {
  id: number;
  created_at: Timestamp;
  updated_at: Timestamp;
  recipient_email_address: string;
  status: KnownOr<
    | 'sent'
    | 'sent_from_gmail'
    | 'sent_from_external'
    | 'pending'
    | 'pending_reply_check'
    | 'scheduled'
    | 'sending'
    | 'delivering'
    | 'failed'
    | 'cancelled'
    | 'pending_through_gmail'
    | 'pending_through_external'
  >;
  bounced: boolean;
  send_after: Timestamp | null;
  sent_at: Timestamp | null;
  view_tracking: boolean;
  click_tracking: boolean;
  personalization: string;
  counts: {
    clicks: number;
    views: number;
    replies: number;
    unique_devices: number;
    unique_locations: number;
    attachments: number;
  };
  recipient: Link | null;
  user: Link | null;
  action: Link | null;
  crm_activity: Link | null;
  cadence: Link | null;
  step: Link | null;
  email_template: Link | null;
  mailing: { id: number } | null;
}

export interface EmailWithBodyAndSubject extends Email {
  subject: string;
  body: string;
}

/**
 * What Salesloft sends a link_swap endpoint before an email goes out, as the Link Swapping guide
 * documents it (no `_href`s). Answer with a `LinkSwapAnswer`: the links to replace.
 */
export interface LinkSwap extends UnlistedFields {
  user: { id: number; email: string };
  team: { id: number };
  mailing: { id: number };
  email: { id: number };
  person: { id: number; email: string };
  /** The email's links, as they stand. */
  links: string[];
}

/**
 * A meeting. `account_id` and `task_id` (strings), `event_source`, `status` and the meetings
 * settings' `{email_address}` are as the facts read real objects; the rest follows the REST reference.
 */
export interface Meeting extends UnlistedFields {
  id: number;
  title: string;
  start_time: Timestamp;
  end_time: Timestamp;
  status: KnownOr<'pending' | 'booked' | 'failed' | 'retry'>;
  all_day: boolean;
  location: string | null;
  meeting_type: string | null;
  recipient_email: string;
  recipient_name: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  event_source: KnownOr<'internal' | 'external'>;
  i_cal_uid: string;
  account_id: string | null;
  task_id: string | null;
  no_show: boolean;
  person: Link | null;
  owned_by_meetings_settings: { email_address: string } | null;
  booked_by_meetings_settings: { email_address: string } | null;
  attendees: { email: string; name: string | null; status: string; organizer: boolean }[];
}

/** A note. `associated_type` stands beside `associated_with`, as the facts read real objects. */
export interface Note extends UnlistedFields {
  id: number;
  content: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  associated_type: KnownOr<'person' | 'account'>;
  associated_with: Link;
  call: Link | null;
  user: Link | null;
}

/** A cadence step. Inferred from the REST reference. */
export interface Step extends UnlistedFields {
  id: number;
  created_at: Timestamp;
  updated_at: Timestamp;
  disabled: boolean;
  type: KnownOr<'email' | 'phone' | 'other' | 'integration'>;
  name: string;
  display_name: string;
  day: number;
  step_number: number;
  details: Link | null;
  multitouch_enabled: boolean;
  cadence: Link;
}

/** A success (an outcome). Inferred from the REST reference. */
export interface Success extends UnlistedFields {
  id: number;
  created_at: Timestamp;
  updated_at: Timestamp;
  succeeded_at: Timestamp;
  success_window_started_at: Timestamp | null;
  counts: { total_emails: number; total_calls: number; total_other_touches: number };
  person: Link | null;
  user: Link | null;
  latest_email: Link | null;
  latest_call: Link | null;
  latest_action: Link | null;
  latest_cadence: Link | null;
  latest_step: Link | null;
}

/** Who or what made a task (captured deliveries). */
export interface TaskInstigator {
  action_caller_id: string | null;
  action_caller_name: string | null;
  metadata: Record<string, unknown> | null;
  reason: string | null;
  type: string | null;
  user_guid: string | null;
}

/**
 * A task. Seen in captured `task_created` and `task_updated` deliveries: every field here; the
 * completer is `completed_by` (there is no `completed_by_user`). `_integration_*` fields also come,
 * unlisted.
 */
export interface Task extends UnlistedFields {
  id: number;
  subject: string;
  task_type: KnownOr<'call' | 'email' | 'general' | 'integration'>;
  current_state: KnownOr<'scheduled' | 'completed'>;
  due_date: string | null;
  due_at: Timestamp | null;
  remind_at: Timestamp | null;
  reminded: boolean;
  expires_after: Timestamp | null;
  description: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  completed_at: Timestamp | null;
  person: Link | null;
  user: Link | null;
  created_by_user: Link | null;
  completed_by: Link | null;
  opportunity: Link | null;
  instigator: TaskInstigator | null;
  /** `score` is a number written as a string (`"2.0"`). */
  score: { factors: unknown[]; prioritizer_uuid: string | null; score: string } | null;
  /** Where it came from, e.g. `"salesloft.api"`. */
  source: string | null;
  multitouch_group_id: number | null;
  object_references: unknown[];
  rollback_reason: string | null;
  custom_attributes: Record<string, unknown>;
  custom_attribute_resources: unknown[];
}

/** A Salesloft user. Inferred from the REST reference. */
export interface User extends UnlistedFields {
  id: number;
  guid: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  name: string;
  first_name: string | null;
  last_name: string | null;
  job_role: string | null;
  active: boolean;
  time_zone: string;
  slack_username: string | null;
  twitter_handle: string | null;
  email: string;
  email_client_email_address: string | null;
  sending_email_address: string | null;
  from_address: string | null;
  full_email_address: string | null;
  bcc_email_address: string | null;
  email_signature: string;
  email_signature_type: string;
  email_signature_click_tracking_disabled: boolean;
  team_admin: boolean;
  local_dial_enabled: boolean;
  click_to_call_enabled: boolean;
  email_client_configured: boolean;
  crm_connected: boolean;
  external_feature_flags: Record<string, unknown>;
  phone_client: { id: number } | null;
  phone_number_assignment: Link | null;
  group: Link | null;
  /** `{"_href": "https://api.salesloft.com/v2/team", "id": N}`: no id in the href. */
  team: Link | null;
  role: { id: string } | null;
}

/** The payload of each of the 37 event types. */
export interface EventPayloads {
  account_created: Account;
  account_deleted: Account;
  account_updated: Account;
  bulk_job_completed: BulkJob;
  cadence_created: Cadence;
  cadence_deleted: Cadence;
  cadence_membership_created: CadenceMembership;
  cadence_membership_updated: CadenceMembership;
  cadence_updated: Cadence;
  call_created: Call;
  call_data_record_created: CallDataRecord;
  call_data_record_updated: CallDataRecord;
  call_updated: Call;
  conversation_created: Conversation;
  conversation_recording_created: ConversationRecording;
  conversation_transcript_created: ConversationTranscript;
  email_updated: Email;
  email_with_body_and_subject_updated: EmailWithBodyAndSubject;
  link_swap: LinkSwap;
  meeting_booked: Meeting;
  meeting_updated: Meeting;
  note_created: Note;
  note_deleted: Note;
  note_updated: Note;
  person_created: Person;
  person_deleted: Person;
  person_updated: Person;
  step_created: Step;
  step_deleted: Step;
  step_updated: Step;
  success_created: Success;
  task_completed: Task;
  task_created: Task;
  task_deleted: Task;
  task_updated: Task;
  user_created: User;
  user_updated: User;
}

/** The Salesloft resource an event of type `T` carries. */
export type EventPayload<T extends EventType> = EventPayloads[T];

// Every event type has a payload, and nothing else does: a new row in the catalog without a type
// here (or a typo here) fails the type check.
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _everyEventTyped: Exact<keyof EventPayloads, EventType> = true;
void _everyEventTyped;
