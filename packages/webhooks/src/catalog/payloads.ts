// What each delivery carries: the Salesloft v2 REST resource the event reports on, as real captured
// deliveries show it (shared/reference/salesloft-facts.md, "Payloads"). Real objects are two to three
// times wider than these lists, and Salesloft adds fields without notice: every payload admits
// fields not named here, typed `unknown`. Each type's comment says which fields real captures show
// and which are inferred from the REST reference. The emulator's samples are typed by the named
// fields (samples/resources.ts), so the compiler keeps the two in agreement.
import type { EventType } from './event-types.js';

/** Fields Salesloft sends that this library does not name yet: there at run time, `unknown` here. */
export interface UnlistedFields {
  [field: string]: unknown;
}

/** A value from a known set, or one Salesloft added since (any string still type-checks). */
export type KnownOr<T extends string> = T | (string & {});

/** A reference to another resource: its id and its REST URL. */
export interface Link {
  /** The linked record's id. */
  id: number;
  /** The linked record's REST URL (a team link's has no id in it). */
  _href: string;
}

/** Timestamps look like `2026-01-22T01:22:45.587713-05:00`: microseconds and the team's UTC offset. */
export type Timestamp = string;

/**
 * A person. Inferred from the REST reference (no capture in the facts); real objects carry about 60
 * keys.
 */
export interface Person extends UnlistedFields {
  /** The record's id, unique within its resource type. From the REST reference. */
  id: number;
  /** When the record was created (the team's UTC offset, microseconds). From the REST reference. */
  created_at: Timestamp;
  /**
   * When the record last changed: with `id`, what tells a later change of the same record from a copy. From
   * the REST reference.
   */
  updated_at: Timestamp;
  /** When someone last emailed or called them, or null. From the REST reference. */
  last_contacted_at: Timestamp | null;
  /** First name, or null. From the REST reference. */
  first_name: string | null;
  /** Last name, or null. From the REST reference. */
  last_name: string | null;
  /** The name Salesloft shows. From the REST reference. */
  display_name: string;
  /** Email address, or null. From the REST reference. */
  email_address: string | null;
  /** A second work email address, or null. From the REST reference. */
  secondary_email_address: string | null;
  /** A personal email address, or null. From the REST reference. */
  personal_email_address: string | null;
  /** Phone number as entered, or null. From the REST reference. */
  phone: string | null;
  /** Mobile phone number, or null. From the REST reference. */
  mobile_phone: string | null;
  /** Job title, or null. From the REST reference. */
  title: string | null;
  /** City, or null. From the REST reference. */
  city: string | null;
  /** State or region, or null. From the REST reference. */
  state: string | null;
  /** Country, or null. From the REST reference. */
  country: string | null;
  /** The company name on the person record (not necessarily their account's). From the REST reference. */
  person_company_name: string | null;
  /** The company website on the person record, or null. From the REST reference. */
  person_company_website: string | null;
  /** LinkedIn profile URL, or null. From the REST reference. */
  linkedin_url: string | null;
  /** True when nobody may email or call them. From the REST reference. */
  do_not_contact: boolean;
  /** True when email to them bounces. From the REST reference. */
  bouncing: boolean;
  /** True when marked as an EU resident (GDPR handling). From the REST reference. */
  eu_resident: boolean;
  /** Tag names. From the REST reference. */
  tags: string[];
  /** The team's custom fields, by name; values as entered. From the REST reference. */
  custom_fields: Record<string, unknown>;
  /** Emails sent and viewed, calls. From the REST reference. */
  counts: { emails_sent: number; emails_viewed: number; calls: number };
  /** The account they belong to, or null. From the REST reference. */
  account: Link | null;
  /** The user who owns the record, or null. From the REST reference. */
  owner: Link | null;
  /** The user who last contacted them, or null. From the REST reference. */
  last_contacted_by: Link | null;
  /** The import that created the record, or null. From the REST reference. */
  import: Link | null;
  /** Their person stage, or null. From the REST reference. */
  person_stage: Link | null;
}

/**
 * An account. Seen in captured `account_updated` and `account_deleted` deliveries: every field here
 * but `description`, `size`, `industry`, `account_tier` and `creator`, which come from the REST
 * reference. `counts.people` is null in every capture; `domain` can hold a whole URL.
 */
export interface Account extends UnlistedFields {
  /** The record's id, unique within its resource type. Seen in captured deliveries. */
  id: number;
  /** When the record was created (the team's UTC offset, microseconds). Seen in captured deliveries. */
  created_at: Timestamp;
  /**
   * When the record last changed: with `id`, what tells a later change of the same record from a copy. Seen
   * in captured deliveries.
   */
  updated_at: Timestamp;
  /** When it was archived, or null. Seen in captured deliveries. */
  archived_at: Timestamp | null;
  /** Name. Seen in captured deliveries. */
  name: string;
  /** Web domain; captures show a whole URL here too. Seen in captured deliveries. */
  domain: string | null;
  /** The short name used in emails ("Acme" for "Acme, Inc."), or null. Seen in captured deliveries. */
  conversational_name: string | null;
  /** Website URL, or null. Seen in captured deliveries. */
  website: string | null;
  /** Industry, or null. From the REST reference. */
  industry: string | null;
  /** Company size as entered, or null. From the REST reference. */
  size: string | null;
  /** Free-text description, or null. From the REST reference. */
  description: string | null;
  /** Phone number as entered, or null. Seen in captured deliveries. */
  phone: string | null;
  /** Street address, or null. Seen in captured deliveries. */
  street: string | null;
  /** City, or null. Seen in captured deliveries. */
  city: string | null;
  /** State or region, or null. Seen in captured deliveries. */
  state: string | null;
  /** Postal code, or null. Seen in captured deliveries. */
  postal_code: string | null;
  /** Country, or null. Seen in captured deliveries. */
  country: string | null;
  /** Locale or time zone as entered, or null. Seen in captured deliveries. */
  locale: string | null;
  /** Year founded as entered, or null. Seen in captured deliveries. */
  founded: string | null;
  /** Company type as entered, or null. Seen in captured deliveries. */
  company_type: string | null;
  /** Revenue range as entered, or null. Seen in captured deliveries. */
  revenue_range: string | null;
  /** LinkedIn profile URL, or null. Seen in captured deliveries. */
  linkedin_url: string | null;
  /** Twitter/X handle, or null. Seen in captured deliveries. */
  twitter_handle: string | null;
  /** True when nobody may email or call them. Seen in captured deliveries. */
  do_not_contact: boolean;
  /** The record's id in the connected CRM, or null. Seen in captured deliveries. */
  crm_id: string | null;
  /** The record's URL in the connected CRM, or null. Seen in captured deliveries. */
  crm_url: string | null;
  /** The CRM object type it is synced with (e.g. `account`), or null. Seen in captured deliveries. */
  crm_object_type: string | null;
  /** The owner's id in the connected CRM, or null. Seen in captured deliveries. */
  owner_crm_id: string | null;
  /** Tag names. Seen in captured deliveries. */
  tags: string[];
  /** The team's custom fields, by name; values as entered. Seen in captured deliveries. */
  custom_fields: Record<string, unknown>;
  /** People on the account: null in every capture. Seen in captured deliveries. */
  counts: { people: number | null };
  /** The user who owns the record, or null. Seen in captured deliveries. */
  owner: Link | null;
  /** The user who created it, or null. From the REST reference. */
  creator: Link | null;
  /** Its account tier, or null. From the REST reference. */
  account_tier: Link | null;
  /** Its company stage, or null. Seen in captured deliveries. */
  company_stage: Link | null;
  /** When someone last emailed or called them, or null. Seen in captured deliveries. */
  last_contacted_at: Timestamp | null;
  /** The user who last contacted them, or null. Seen in captured deliveries. */
  last_contacted_by: Link | null;
  /** How it was last contacted (e.g. `Email`, `Call`), or null. Seen in captured deliveries. */
  last_contacted_type: string | null;
  /** The person last contacted there, or null. Seen in captured deliveries. */
  last_contacted_person: Link | null;
  /** Engagement level from Salesloft's prospecting data, or null. Seen in captured deliveries. */
  prospector_engagement_level: string | null;
  /** A number written as a string (`"42.0"`). */
  prospector_engagement_score: string | null;
  /** Users related to the account and how. Seen in captured deliveries. */
  user_relationships: unknown[];
}

/** A bulk job. Fields from the facts' reading of real objects; there is no success or error count but `errors`. */
export interface BulkJob extends UnlistedFields {
  /** The record's id, unique within its resource type. As the facts read real objects. */
  id: number;
  /** The name it was given, or null. As the facts read real objects. */
  name: string | null;
  /** What the job does (e.g. `person/upsert`). As the facts read real objects. */
  type: string;
  /** `open`, `executing` or `done`. As the facts read real objects. */
  state: KnownOr<'open' | 'executing' | 'done'>;
  /** OAuth scopes the job runs with. As the facts read real objects. */
  scopes: string[];
  /** True once the job is marked ready. As the facts read real objects. */
  ready_to_execute: boolean;
  /** Records in the job. As the facts read real objects. */
  total: number;
  /** Records processed so far. As the facts read real objects. */
  processed: number;
  /** Records that failed. */
  errors: number;
  /** When the record was created (the team's UTC offset, microseconds). As the facts read real objects. */
  created_at: Timestamp;
  /**
   * When the record last changed: with `id`, what tells a later change of the same record from a copy. As
   * the facts read real objects.
   */
  updated_at: Timestamp;
  /** When it was marked ready, or null. As the facts read real objects. */
  marked_ready_at: Timestamp | null;
  /** When processing started, or null. As the facts read real objects. */
  started_at: Timestamp | null;
  /** When processing finished, or null (there is no `completed_at`). As the facts read real objects. */
  finished_at: Timestamp | null;
}

/** A cadence. Inferred from the REST reference (no capture in the facts). */
export interface Cadence extends UnlistedFields {
  /** The record's id, unique within its resource type. From the REST reference. */
  id: number;
  /** When the record was created (the team's UTC offset, microseconds). From the REST reference. */
  created_at: Timestamp;
  /**
   * When the record last changed: with `id`, what tells a later change of the same record from a copy. From
   * the REST reference.
   */
  updated_at: Timestamp;
  /** When it was archived, or null. From the REST reference. */
  archived_at: Timestamp | null;
  /** Name. From the REST reference. */
  name: string;
  /** True for a team cadence, false for a personal one. From the REST reference. */
  team_cadence: boolean;
  /** True when other users can see and use it. From the REST reference. */
  shared: boolean;
  /** True when people whose email bounces leave the cadence. From the REST reference. */
  remove_bounces_enabled: boolean;
  /** True when people who reply leave the cadence. From the REST reference. */
  remove_replies_enabled: boolean;
  /** True when its emails carry an opt-out link. From the REST reference. */
  opt_out_link_included: boolean;
  /** True while it is a draft. From the REST reference. */
  draft: boolean;
  /** The framework it was built from, or null. From the REST reference. */
  cadence_framework_id: number | null;
  /** What it is for (e.g. `outbound`, `inbound`, `event`). From the REST reference. */
  cadence_function: string;
  /** Tag names. From the REST reference. */
  tags: string[];
  /** The user who created it, or null. From the REST reference. */
  creator: Link | null;
  /** The user who owns it, or null. From the REST reference. */
  owner: Link | null;
  /** The person stage set when an email bounces, or null. From the REST reference. */
  bounced_stage: Link | null;
  /** The person stage set on a reply, or null. From the REST reference. */
  replied_stage: Link | null;
  /** The person stage set when someone is added, or null. From the REST reference. */
  added_stage: Link | null;
  /** The person stage set when someone finishes it, or null. From the REST reference. */
  finished_stage: Link | null;
  /** People on it, acted on, and its daily target. From the REST reference. */
  counts: { cadence_people: number; people_acted_on_count: number; target_daily_people: number };
}

/** A person's membership of a cadence. Fields inferred from the REST reference; the states are the documented set. */
export interface CadenceMembership extends UnlistedFields {
  /** The record's id, unique within its resource type. From the REST reference. */
  id: number;
  /** When the person was added to the cadence. From the REST reference. */
  added_at: Timestamp;
  /** When the record was created (the team's UTC offset, microseconds). From the REST reference. */
  created_at: Timestamp;
  /**
   * When the record last changed: with `id`, what tells a later change of the same record from a copy. From
   * the REST reference.
   */
  updated_at: Timestamp;
  /** True when the person has been deleted since. From the REST reference. */
  person_deleted: boolean;
  /** True while the person is on the cadence. From the REST reference. */
  currently_on_cadence: boolean;
  /** Where the person is on the cadence (there is no `paused`). From the REST reference. */
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
  /** The cadence. From the REST reference. */
  cadence: Link;
  /** The person on the cadence. From the REST reference. */
  person: Link;
  /** The user who added them, or null. From the REST reference. */
  user: Link | null;
  /** The latest action taken, or null. From the REST reference. */
  latest_action: Link | null;
  /** Activity counters. From the REST reference. */
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
  /** The record's id, unique within its resource type. From the REST reference. */
  id: number;
  /** The number dialled. From the REST reference. */
  to: string | null;
  /** Length in seconds. From the REST reference. */
  duration: number | null;
  /** The call's outcome as logged, or null. From the REST reference. */
  disposition: string | null;
  /** The call's sentiment as logged, or null. From the REST reference. */
  sentiment: string | null;
  /** Recordings of the call. From the REST reference. */
  recordings: unknown[];
  /** When the record was created (the team's UTC offset, microseconds). From the REST reference. */
  created_at: Timestamp;
  /**
   * When the record last changed: with `id`, what tells a later change of the same record from a copy. From
   * the REST reference.
   */
  updated_at: Timestamp;
  /** The user who called, or null. From the REST reference. */
  user: Link | null;
  /** The cadence action it completed, or null. From the REST reference. */
  action: Link | null;
  /** The person called, or null. From the REST reference. */
  called_person: Link | null;
  /** The activity logged in the CRM, or null. From the REST reference. */
  crm_activity: Link | null;
  /** A note about it, or null. From the REST reference. */
  note: Link | null;
  /** The cadence, or null. From the REST reference. */
  cadence: Link | null;
  /** The cadence step, or null. From the REST reference. */
  step: Link | null;
  /** The task it completed, or null. From the REST reference. */
  task: Link | null;
}

/** A call data record. Inferred from the REST reference; `call_type` is the documented set. */
export interface CallDataRecord extends UnlistedFields {
  /** The record's id, unique within its resource type. From the REST reference. */
  id: number;
  /** The number dialled. From the REST reference. */
  to: string | null;
  /** The number that called. From the REST reference. */
  from: string | null;
  /** Length in seconds. From the REST reference. */
  duration: number | null;
  /** Inbound or outbound. From the REST reference. */
  direction: KnownOr<'inbound' | 'outbound'>;
  /** The call's telephony status (e.g. `completed`, `no-answer`). From the REST reference. */
  status: string;
  /** The documented kinds: call, bridge, collaboration. From the REST reference. */
  call_type: KnownOr<'call' | 'bridge' | 'collaboration'>;
  /** The telephony provider's call id. From the REST reference. */
  call_uuid: string;
  /** The recording, where there is one. From the REST reference. */
  recording: { url: string | null; status: string; recording_status: string | null };
  /** When the record was created (the team's UTC offset, microseconds). From the REST reference. */
  created_at: Timestamp;
  /**
   * When the record last changed: with `id`, what tells a later change of the same record from a copy. From
   * the REST reference.
   */
  updated_at: Timestamp;
  /** The call, or null. From the REST reference. */
  call: Link | null;
  /** The person called, or null. From the REST reference. */
  called_person: Link | null;
  /** The user on the call, or null. From the REST reference. */
  user: Link | null;
}

/** A conversation (a recorded meeting). No public capture: a guess; keep a handler of it loose. */
export interface Conversation extends UnlistedFields {
  /** The record's id, unique within its resource type. No public capture: a guess. */
  id: string;
  /** Its title. No public capture: a guess. */
  title: string;
  /** Where it was recorded (e.g. zoom). No public capture: a guess. */
  platform: string;
  /** Audio or video. No public capture: a guess. */
  media_type: string;
  /** Length in milliseconds or seconds: unknown without a capture. No public capture: a guess. */
  duration: number;
  /** When recording started. No public capture: a guess. */
  started_recording_at: Timestamp | null;
  /** When the record was created (the team's UTC offset, microseconds). No public capture: a guess. */
  created_at: Timestamp;
  /**
   * When the record last changed: with `id`, what tells a later change of the same record from a copy. No
   * public capture: a guess.
   */
  updated_at: Timestamp;
  /** The user's guid, or null. No public capture: a guess. */
  user_guid: string;
  /** The team's organisation id. No public capture: a guess. */
  organization_id: string;
  /** The account's id, or null. No public capture: a guess. */
  account_id: number | null;
  /** The person's id, or null. No public capture: a guess. */
  person_id: number | null;
  /** The opportunity's id, or null. No public capture: a guess. */
  opportunity_id: number | null;
  /** The call's id, or null. No public capture: a guess. */
  call_id: number | null;
  /** The meeting's id, or null. No public capture: a guess. */
  meeting_id: number | null;
}

/** A conversation's recording. No public capture: a guess. */
export interface ConversationRecording extends UnlistedFields {
  /** The record's id, unique within its resource type. No public capture: a guess. */
  id: string;
  /** The conversation it belongs to. No public capture: a guess. */
  conversation_id: string;
  /** The recording's processing status. No public capture: a guess. */
  status: string;
  /** Length: unit unknown without a capture. No public capture: a guess. */
  duration: number;
  /** Audio or video. No public capture: a guess. */
  media_type: string;
  /** When the record was created (the team's UTC offset, microseconds). No public capture: a guess. */
  created_at: Timestamp;
  /**
   * When the record last changed: with `id`, what tells a later change of the same record from a copy. No
   * public capture: a guess.
   */
  updated_at: Timestamp;
}

/** A conversation's transcript. No public capture: a guess. */
export interface ConversationTranscript extends UnlistedFields {
  /** The record's id, unique within its resource type. No public capture: a guess. */
  id: string;
  /** The conversation it belongs to. No public capture: a guess. */
  conversation_id: string;
  /** The transcript's language (e.g. en-US). No public capture: a guess. */
  language_code: string;
  /** The transcript's processing status. No public capture: a guess. */
  status: string;
  /** When the record was created (the team's UTC offset, microseconds). No public capture: a guess. */
  created_at: Timestamp;
  /**
   * When the record last changed: with `id`, what tells a later change of the same record from a copy. No
   * public capture: a guess.
   */
  updated_at: Timestamp;
}

/**
 * An email activity. Inferred from the REST reference: `status` is where the email is in sending
 * (there is no `delivered`), `bounced` a separate boolean. Its subject and body come only with the
 * privileged scope (`email_with_body_and_subject_updated`).
 */
export interface Email extends UnlistedFields {
  /** The record's id, unique within its resource type. From the REST reference. */
  id: number;
  /** When the record was created (the team's UTC offset, microseconds). From the REST reference. */
  created_at: Timestamp;
  /**
   * When the record last changed: with `id`, what tells a later change of the same record from a copy. From
   * the REST reference.
   */
  updated_at: Timestamp;
  /** Who it was sent to. From the REST reference. */
  recipient_email_address: string;
  /** Where the email is in sending (there is no `delivered`; see `bounced`). From the REST reference. */
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
  /** True when it bounced (not a `status` value). From the REST reference. */
  bounced: boolean;
  /** Not sent before this, or null. From the REST reference. */
  send_after: Timestamp | null;
  /** When it was sent, or null. From the REST reference. */
  sent_at: Timestamp | null;
  /** True when opens are tracked. From the REST reference. */
  view_tracking: boolean;
  /** True when link clicks are tracked. From the REST reference. */
  click_tracking: boolean;
  /** How much of it was personalised, as a percentage string. From the REST reference. */
  personalization: string;
  /** Clicks, views, replies and attachments. From the REST reference. */
  counts: {
    clicks: number;
    views: number;
    replies: number;
    unique_devices: number;
    unique_locations: number;
    attachments: number;
  };
  /** The person it was sent to, or null. From the REST reference. */
  recipient: Link | null;
  /** The user who sent it, or null. From the REST reference. */
  user: Link | null;
  /** The cadence action it completed, or null. From the REST reference. */
  action: Link | null;
  /** The activity logged in the CRM, or null. From the REST reference. */
  crm_activity: Link | null;
  /** The cadence, or null. From the REST reference. */
  cadence: Link | null;
  /** The cadence step, or null. From the REST reference. */
  step: Link | null;
  /** The template it was written from, or null. From the REST reference. */
  email_template: Link | null;
  /** The mailing it belongs to, or null. From the REST reference. */
  mailing: { id: number } | null;
}

export interface EmailWithBodyAndSubject extends Email {
  /** Subject line. From the REST reference. */
  subject: string;
  /** The email's HTML body. From the REST reference. */
  body: string;
}

/**
 * What Salesloft sends a link_swap endpoint before an email goes out, as the Link Swapping guide
 * documents it (no `_href`s). Answer with a `LinkSwapAnswer`: the links to replace.
 */
export interface LinkSwap extends UnlistedFields {
  /** The user sending the email. From the Link Swapping guide. */
  user: { id: number; email: string };
  /** The team. From the Link Swapping guide. */
  team: { id: number };
  /** The mailing the email belongs to. From the Link Swapping guide. */
  mailing: { id: number };
  /** The email about to be sent. From the Link Swapping guide. */
  email: { id: number };
  /** The person it is sent to. From the Link Swapping guide. */
  person: { id: number; email: string };
  /** The email's links, as they stand. */
  links: string[];
}

/**
 * A meeting. `account_id` and `task_id` (strings), `event_source`, `status` and the meetings
 * settings' `{email_address}` are as the facts read real objects; the rest follows the REST reference.
 */
export interface Meeting extends UnlistedFields {
  /** The record's id, unique within its resource type. From the REST reference. */
  id: number;
  /** The calendar event's title. From the REST reference. */
  title: string;
  /** When it starts. From the REST reference. */
  start_time: Timestamp;
  /** When it ends. From the REST reference. */
  end_time: Timestamp;
  /** `pending`, `booked`, `failed` or `retry`. As the facts read real objects. */
  status: KnownOr<'pending' | 'booked' | 'failed' | 'retry'>;
  /** True for an all-day event. From the REST reference. */
  all_day: boolean;
  /** Where, or null. From the REST reference. */
  location: string | null;
  /** The meeting type, or null. From the REST reference. */
  meeting_type: string | null;
  /** The invitee's email address. From the REST reference. */
  recipient_email: string;
  /** The invitee's name, or null. From the REST reference. */
  recipient_name: string | null;
  /** When the record was created (the team's UTC offset, microseconds). From the REST reference. */
  created_at: Timestamp;
  /**
   * When the record last changed: with `id`, what tells a later change of the same record from a copy. From
   * the REST reference.
   */
  updated_at: Timestamp;
  /** `internal` (booked in Salesloft) or `external` (from a calendar). As the facts read real objects. */
  event_source: KnownOr<'internal' | 'external'>;
  /** The calendar event's iCalendar UID. From the REST reference. */
  i_cal_uid: string;
  /** The account's id, or null. As the facts read real objects. */
  account_id: string | null;
  /** The task's id as a string, or null. As the facts read real objects. */
  task_id: string | null;
  /** True when the invitee did not come. From the REST reference. */
  no_show: boolean;
  /** The person invited, or null. From the REST reference. */
  person: Link | null;
  /** The meetings settings of the user who owns it: `{email_address}`. As the facts read real objects. */
  owned_by_meetings_settings: { email_address: string } | null;
  /** The meetings settings of the user who booked it: `{email_address}`. As the facts read real objects. */
  booked_by_meetings_settings: { email_address: string } | null;
  /** Who was invited and their answers. From the REST reference. */
  attendees: { email: string; name: string | null; status: string; organizer: boolean }[];
}

/** A note. `associated_type` stands beside `associated_with`, as the facts read real objects. */
export interface Note extends UnlistedFields {
  /** The record's id, unique within its resource type. From the REST reference. */
  id: number;
  /** The note's text. From the REST reference. */
  content: string;
  /** When the record was created (the team's UTC offset, microseconds). From the REST reference. */
  created_at: Timestamp;
  /**
   * When the record last changed: with `id`, what tells a later change of the same record from a copy. From
   * the REST reference.
   */
  updated_at: Timestamp;
  /** What it is attached to: `person` or `account`. As the facts read real objects. */
  associated_type: KnownOr<'person' | 'account'>;
  /** The person or account it is attached to. As the facts read real objects. */
  associated_with: Link;
  /** The call it was written on, or null. From the REST reference. */
  call: Link | null;
  /** The user who wrote it, or null. From the REST reference. */
  user: Link | null;
}

/** A cadence step. Inferred from the REST reference. */
export interface Step extends UnlistedFields {
  /** The record's id, unique within its resource type. From the REST reference. */
  id: number;
  /** When the record was created (the team's UTC offset, microseconds). From the REST reference. */
  created_at: Timestamp;
  /**
   * When the record last changed: with `id`, what tells a later change of the same record from a copy. From
   * the REST reference.
   */
  updated_at: Timestamp;
  /** True when the step is switched off. From the REST reference. */
  disabled: boolean;
  /** What the step does (`email`, `phone`, `other`, `integration`). From the REST reference. */
  type: KnownOr<'email' | 'phone' | 'other' | 'integration'>;
  /** Its name. From the REST reference. */
  name: string;
  /** Its name as shown, with the day. From the REST reference. */
  display_name: string;
  /** The cadence day it falls on. From the REST reference. */
  day: number;
  /** Its position within its day. From the REST reference. */
  step_number: number;
  /** The step's settings (its email template, its call script...). From the REST reference. */
  details: Link | null;
  /** True for a multi-touch step. From the REST reference. */
  multitouch_enabled: boolean;
  /** The cadence, or null. From the REST reference. */
  cadence: Link;
}

/** A success (an outcome). Inferred from the REST reference. */
export interface Success extends UnlistedFields {
  /** The record's id, unique within its resource type. From the REST reference. */
  id: number;
  /** When the record was created (the team's UTC offset, microseconds). From the REST reference. */
  created_at: Timestamp;
  /**
   * When the record last changed: with `id`, what tells a later change of the same record from a copy. From
   * the REST reference.
   */
  updated_at: Timestamp;
  /** When the success was recorded. From the REST reference. */
  succeeded_at: Timestamp;
  /** When the window counted for it began. From the REST reference. */
  success_window_started_at: Timestamp | null;
  /** Emails, calls and other touches before it. From the REST reference. */
  counts: { total_emails: number; total_calls: number; total_other_touches: number };
  /** The person who succeeded. From the REST reference. */
  person: Link | null;
  /** The user credited, or null. From the REST reference. */
  user: Link | null;
  /** The last email before the success, or null. From the REST reference. */
  latest_email: Link | null;
  /** The last call before the success, or null. From the REST reference. */
  latest_call: Link | null;
  /** The latest action taken, or null. From the REST reference. */
  latest_action: Link | null;
  /** The last cadence before the success, or null. From the REST reference. */
  latest_cadence: Link | null;
  /** The last step before the success, or null. From the REST reference. */
  latest_step: Link | null;
}

/** Who or what made a task (captured deliveries). */
export interface TaskInstigator {
  /** Who or what acted, by id. Seen in captured deliveries. */
  action_caller_id: string | null;
  /** Who or what acted, by name. Seen in captured deliveries. */
  action_caller_name: string | null;
  /** Whatever the caller attached, or null. Seen in captured deliveries. */
  metadata: Record<string, unknown> | null;
  /** Why, as the caller gave it. Seen in captured deliveries. */
  reason: string | null;
  /** What made it (a user, a rule, the API...). Seen in captured deliveries. */
  type: string | null;
  /** The user's guid, or null. Seen in captured deliveries. */
  user_guid: string | null;
}

/**
 * A task. Seen in captured `task_created` and `task_updated` deliveries: every field here; the
 * completer is `completed_by` (there is no `completed_by_user`). `_integration_*` fields also come,
 * unlisted.
 */
export interface Task extends UnlistedFields {
  /** The record's id, unique within its resource type. Seen in captured deliveries. */
  id: number;
  /** Subject line. Seen in captured deliveries. */
  subject: string;
  /** What kind of task (e.g. `call`, `email`, `general`). Seen in captured deliveries. */
  task_type: KnownOr<'call' | 'email' | 'general' | 'integration'>;
  /** Where it stands (`scheduled`, `completed`...). Seen in captured deliveries. */
  current_state: KnownOr<'scheduled' | 'completed'>;
  /** The day it is due (`2026-01-31`). Seen in captured deliveries. */
  due_date: string | null;
  /** When it is due, or null. Seen in captured deliveries. */
  due_at: Timestamp | null;
  /** When to remind its user, or null. Seen in captured deliveries. */
  remind_at: Timestamp | null;
  /** True once the reminder went out. Seen in captured deliveries. */
  reminded: boolean;
  /** When it expires, or null. Seen in captured deliveries. */
  expires_after: Timestamp | null;
  /** Its description, or null. Seen in captured deliveries. */
  description: string | null;
  /** When the record was created (the team's UTC offset, microseconds). Seen in captured deliveries. */
  created_at: Timestamp;
  /**
   * When the record last changed: with `id`, what tells a later change of the same record from a copy. Seen
   * in captured deliveries.
   */
  updated_at: Timestamp;
  /** When it was completed, or null. Seen in captured deliveries. */
  completed_at: Timestamp | null;
  /** The person it is about, or null. Seen in captured deliveries. */
  person: Link | null;
  /** The user it is assigned to, or null. Seen in captured deliveries. */
  user: Link | null;
  /** The user who created it, or null. Seen in captured deliveries. */
  created_by_user: Link | null;
  /** The user who completed it, or null (there is no `completed_by_user`). Seen in captured deliveries. */
  completed_by: Link | null;
  /** The opportunity, or null. Seen in captured deliveries. */
  opportunity: Link | null;
  /** Who or what made it. Seen in captured deliveries. */
  instigator: TaskInstigator | null;
  /** `score` is a number written as a string (`"2.0"`). */
  score: { factors: unknown[]; prioritizer_uuid: string | null; score: string } | null;
  /** Where it came from, e.g. `"salesloft.api"`. */
  source: string | null;
  /** The multi-touch group it belongs to, or null. Seen in captured deliveries. */
  multitouch_group_id: number | null;
  /** Records it refers to. Seen in captured deliveries. */
  object_references: unknown[];
  /** Why it was rolled back, or null. Seen in captured deliveries. */
  rollback_reason: string | null;
  /** The team's custom attributes. Seen in captured deliveries. */
  custom_attributes: Record<string, unknown>;
  /** Resources of the custom attributes. Seen in captured deliveries. */
  custom_attribute_resources: unknown[];
}

/** A Salesloft user. Inferred from the REST reference. */
export interface User extends UnlistedFields {
  /** The record's id, unique within its resource type. From the REST reference. */
  id: number;
  /** The user's guid (Salesloft's other id for users). From the REST reference. */
  guid: string;
  /** When the record was created (the team's UTC offset, microseconds). From the REST reference. */
  created_at: Timestamp;
  /**
   * When the record last changed: with `id`, what tells a later change of the same record from a copy. From
   * the REST reference.
   */
  updated_at: Timestamp;
  /** Full name. From the REST reference. */
  name: string;
  /** First name. From the REST reference. */
  first_name: string | null;
  /** Last name. From the REST reference. */
  last_name: string | null;
  /** Job role, or null. From the REST reference. */
  job_role: string | null;
  /** False once the user is deactivated. From the REST reference. */
  active: boolean;
  /** Time zone (e.g. `US/Eastern`). From the REST reference. */
  time_zone: string;
  /** Slack name, or null. From the REST reference. */
  slack_username: string | null;
  /** Twitter/X handle, or null. From the REST reference. */
  twitter_handle: string | null;
  /** Their login email address. From the REST reference. */
  email: string;
  /** The address of their connected mailbox, or null. From the REST reference. */
  email_client_email_address: string | null;
  /** The address their email is sent from. From the REST reference. */
  sending_email_address: string | null;
  /** The From address of their email, or null. From the REST reference. */
  from_address: string | null;
  /** Name and address as in a From header. From the REST reference. */
  full_email_address: string | null;
  /** An address copied on their emails, or null. From the REST reference. */
  bcc_email_address: string | null;
  /** Their signature's HTML. From the REST reference. */
  email_signature: string;
  /** How their signature is set. From the REST reference. */
  email_signature_type: string;
  /** True when clicks in the signature are not tracked. From the REST reference. */
  email_signature_click_tracking_disabled: boolean;
  /** True for a team administrator. From the REST reference. */
  team_admin: boolean;
  /** True when local presence dialling is on. From the REST reference. */
  local_dial_enabled: boolean;
  /** True when click-to-call is on. From the REST reference. */
  click_to_call_enabled: boolean;
  /** True when a mailbox is connected. From the REST reference. */
  email_client_configured: boolean;
  /** True when their CRM is connected. From the REST reference. */
  crm_connected: boolean;
  /** Feature flags Salesloft sets for them. From the REST reference. */
  external_feature_flags: Record<string, unknown>;
  /** Their dialler, or null. From the REST reference. */
  phone_client: { id: number } | null;
  /** Their assigned phone number, or null. From the REST reference. */
  phone_number_assignment: Link | null;
  /** Their group, or null. From the REST reference. */
  group: Link | null;
  /** `{"_href": "https://api.salesloft.com/v2/team", "id": N}`: no id in the href. */
  team: Link | null;
  /** Their role, or null. From the REST reference. */
  role: { id: string } | null;
}

/** The payload of each of the 37 event types. */
export interface EventPayloads {
  /** `account_created`: A new Account record was created. */
  account_created: Account;
  /** `account_deleted`: An Account record was deleted. */
  account_deleted: Account;
  /** `account_updated`: An existing Account record was updated. */
  account_updated: Account;
  /** `bulk_job_completed`: A Bulk Job has completed processing. */
  bulk_job_completed: BulkJob;
  /** `cadence_created`: A new Cadence was created. */
  cadence_created: Cadence;
  /** `cadence_deleted`: A Cadence was deleted. */
  cadence_deleted: Cadence;
  /** `cadence_membership_created`: A Person was added to a Cadence (Cadence Membership created). */
  cadence_membership_created: CadenceMembership;
  /** `cadence_membership_updated`: A Cadence Membership was updated (state change, advance, etc.). */
  cadence_membership_updated: CadenceMembership;
  /** `cadence_updated`: An existing Cadence was updated. */
  cadence_updated: Cadence;
  /** `call_created`: A Call activity record was created. */
  call_created: Call;
  /** `call_data_record_created`: A Call Data Record (CDR) was created. */
  call_data_record_created: CallDataRecord;
  /** `call_data_record_updated`: A Call Data Record (CDR) was updated. */
  call_data_record_updated: CallDataRecord;
  /** `call_updated`: A Call activity record was updated. */
  call_updated: Call;
  /** `conversation_created`: A Conversation (recorded meeting) was created. */
  conversation_created: Conversation;
  /** `conversation_recording_created`: A recording was attached to a Conversation. */
  conversation_recording_created: ConversationRecording;
  /** `conversation_transcript_created`: A transcript was generated for a Conversation. */
  conversation_transcript_created: ConversationTranscript;
  /** `email_updated`: An Email record was updated (its status, counts or bounce). */
  email_updated: Email;
  /**
   * `email_with_body_and_subject_updated`: An Email record state was updated; the payload includes body and
   * subject.
   */
  email_with_body_and_subject_updated: EmailWithBodyAndSubject;
  /** `link_swap`: Before an email goes out, Salesloft sends its links and waits: the answer swaps them. */
  link_swap: LinkSwap;
  /** `meeting_booked`: A Meeting was booked. */
  meeting_booked: Meeting;
  /** `meeting_updated`: A Meeting record was updated. */
  meeting_updated: Meeting;
  /** `note_created`: A Note was created. */
  note_created: Note;
  /** `note_deleted`: A Note was deleted. */
  note_deleted: Note;
  /** `note_updated`: A Note was updated. */
  note_updated: Note;
  /** `person_created`: A Person record was created. */
  person_created: Person;
  /** `person_deleted`: A Person record was deleted. */
  person_deleted: Person;
  /** `person_updated`: A Person record was updated. */
  person_updated: Person;
  /** `step_created`: A Cadence Step was created. */
  step_created: Step;
  /** `step_deleted`: A Cadence Step was deleted. */
  step_deleted: Step;
  /** `step_updated`: A Cadence Step was updated. */
  step_updated: Step;
  /** `success_created`: A Success (closed-won / outcome) record was created. */
  success_created: Success;
  /** `task_completed`: A Task was completed. */
  task_completed: Task;
  /** `task_created`: A Task was created. */
  task_created: Task;
  /** `task_deleted`: A Task was deleted. */
  task_deleted: Task;
  /** `task_updated`: A Task was updated. */
  task_updated: Task;
  /** `user_created`: A Salesloft User was created. */
  user_created: User;
  /** `user_updated`: A Salesloft User was updated. */
  user_updated: User;
}

/** The Salesloft resource an event of type `T` carries. */
export type EventPayload<T extends EventType> = EventPayloads[T];

// Every event type has a payload, and nothing else does: a new row in the catalog without a type
// here (or a typo here) fails the type check.
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _everyEventTyped: Exact<keyof EventPayloads, EventType> = true;
void _everyEventTyped;
