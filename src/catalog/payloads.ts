// What each delivery carries: the Salesloft v2 REST resource the event reports on (salesloft-facts.md:
// "the bare resource object, the same shape as the REST resource"). The emulator's samples are
// typed by these (src/samples/resources.ts), so the compiler keeps the two in agreement. Fields
// Salesloft adds later arrive at run time; they are simply not named here yet.
import type { EventType } from './event-types.js';

/** A reference to another resource: its id and its REST URL. */
export interface Link {
  id: number;
  _href: string;
}

export interface Person {
  id: number;
  created_at: string;
  updated_at: string;
  last_contacted_at: string | null;
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

export interface Account {
  id: number;
  created_at: string;
  updated_at: string;
  archived_at: string | null;
  name: string;
  domain: string;
  website: string | null;
  industry: string | null;
  size: string | null;
  city: string | null;
  state: string | null;
  country: string | null;
  description: string | null;
  tags: string[];
  custom_fields: Record<string, unknown>;
  counts: { people: number };
  owner: Link | null;
  creator: Link | null;
  account_tier: Link | null;
  last_contacted_at: string | null;
}

export interface BulkJob {
  id: number;
  name: string;
  type: string;
  state: string;
  created_at: string;
  updated_at: string;
  started_at: string | null;
  completed_at: string | null;
  total: number;
  processed: number;
  success_count: number;
  error_count: number;
}

export interface Cadence {
  id: number;
  created_at: string;
  updated_at: string;
  archived_at: string | null;
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

export interface CadenceMembership {
  id: number;
  added_at: string;
  created_at: string;
  updated_at: string;
  person_deleted: boolean;
  currently_on_cadence: boolean;
  current_state: string;
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

export interface Call {
  id: number;
  to: string | null;
  duration: number | null;
  disposition: string | null;
  sentiment: string | null;
  recordings: unknown[];
  created_at: string;
  updated_at: string;
  user: Link | null;
  action: Link | null;
  called_person: Link | null;
  crm_activity: Link | null;
  note: Link | null;
  cadence: Link | null;
  step: Link | null;
}

export interface CallDataRecord {
  id: number;
  to: string | null;
  from: string | null;
  duration: number | null;
  direction: string;
  status: string;
  call_type: string;
  call_uuid: string;
  recording: { url: string | null; status: string; recording_status: string | null };
  created_at: string;
  updated_at: string;
  call: Link | null;
  called_person: Link | null;
  user: Link | null;
}

export interface Conversation {
  id: string;
  title: string;
  platform: string;
  media_type: string;
  duration: number;
  started_recording_at: string | null;
  created_at: string;
  updated_at: string;
  user_guid: string;
  organization_id: string;
  account_id: number | null;
  person_id: number | null;
  opportunity_id: number | null;
  call_id: number | null;
  meeting_id: number | null;
}

export interface ConversationRecording {
  id: string;
  conversation_id: string;
  status: string;
  duration: number;
  media_type: string;
  created_at: string;
  updated_at: string;
}

export interface ConversationTranscript {
  id: string;
  conversation_id: string;
  language_code: string;
  status: string;
  created_at: string;
  updated_at: string;
}

export interface Email {
  id: number;
  created_at: string;
  updated_at: string;
  recipient_email_address: string;
  status: string;
  bounced: boolean;
  send_after: string | null;
  sent_at: string | null;
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

/** link_swap's payload is not documented: this follows the email it concerns plus its links (a guess). */
export interface LinkSwap {
  id: number;
  mailing: { id: number } | null;
  recipient: Link | null;
  user: Link | null;
  links: { id: number; url: string }[];
  created_at: string;
}

export interface Meeting {
  id: number;
  title: string;
  start_time: string;
  end_time: string;
  status: string;
  all_day: boolean;
  location: string | null;
  meeting_type: string | null;
  recipient_email: string;
  recipient_name: string | null;
  created_at: string;
  updated_at: string;
  event_source: string;
  i_cal_uid: string;
  task_id: number | null;
  no_show: boolean;
  person: Link | null;
  account: Link | null;
  owned_by_meetings_settings: { id: number; email_address: string } | null;
  booked_by_meetings_settings: { id: number; email_address: string } | null;
  attendees: { email: string; name: string | null; status: string; organizer: boolean }[];
}

export interface Note {
  id: number;
  content: string;
  created_at: string;
  updated_at: string;
  associated_with: Link & { type: string };
  call: Link | null;
  user: Link | null;
}

export interface Step {
  id: number;
  created_at: string;
  updated_at: string;
  disabled: boolean;
  type: string;
  name: string;
  display_name: string;
  day: number;
  step_number: number;
  details: Link | null;
  multitouch_enabled: boolean;
  cadence: Link;
}

export interface Success {
  id: number;
  created_at: string;
  updated_at: string;
  succeeded_at: string;
  success_window_started_at: string | null;
  counts: { total_emails: number; total_calls: number; total_other_touches: number };
  person: Link | null;
  user: Link | null;
  latest_email: Link | null;
  latest_call: Link | null;
  latest_action: Link | null;
  latest_cadence: Link | null;
  latest_step: Link | null;
}

export interface Task {
  id: number;
  subject: string;
  task_type: string;
  current_state: string;
  due_date: string | null;
  due_at: string | null;
  remind_at: string | null;
  description: string | null;
  created_at: string;
  updated_at: string;
  completed_at: string | null;
  person: Link | null;
  user: Link | null;
  created_by_user: Link | null;
  completed_by_user: Link | null;
}

export interface User {
  id: number;
  guid: string;
  created_at: string;
  updated_at: string;
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
