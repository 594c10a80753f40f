import type { EventType } from '../catalog/event-types.js';
import type {
  Account,
  BulkJob,
  Cadence,
  CadenceMembership,
  Call,
  CallDataRecord,
  Conversation,
  ConversationRecording,
  ConversationTranscript,
  Email,
  EmailWithBodyAndSubject,
  EventPayloads,
  LinkSwap,
  Meeting,
  Note,
  Person,
  Step,
  Success,
  Task,
  User,
} from '../catalog/payloads.js';
import { domainOf, type SampleContext } from './context.js';

export type Payload = Record<string, unknown>;

/**
 * A payload's named fields only, without its open index signature: what a sample must build, so
 * the compiler flags a field the type lacks (a typo, a field that does not exist) and one it misses.
 */
type Named<T> = { [K in keyof T as string extends K ? never : K]: T[K] };

// Shapes follow real captured deliveries where the facts have them, else the Salesloft v2 REST
// resource each delivery mirrors (salesloft-facts.md, "Payloads").

const person = (ctx: SampleContext): Named<Person> => {
  const who = ctx.person();
  const place = ctx.place();
  return {
    id: ctx.id(),
    created_at: ctx.recent(),
    updated_at: ctx.at(),
    last_contacted_at: ctx.recent(),
    first_name: who.first,
    last_name: who.last,
    display_name: `${who.first} ${who.last}`,
    email_address: who.email,
    secondary_email_address: null,
    personal_email_address: null,
    phone: `+1 404 555 0${ctx.random.int(100, 199)}`,
    mobile_phone: null,
    title: ctx.title(),
    city: place.city,
    state: place.state,
    country: place.country,
    person_company_name: who.company,
    person_company_website: `https://${who.domain}`,
    linkedin_url: `https://www.linkedin.com/in/${who.email.split('@')[0]?.replace('.', '-')}`,
    do_not_contact: false,
    bouncing: false,
    eu_resident: place.country === 'GB' || place.country === 'DE',
    tags: ctx.random.bool() ? ['inbound', 'webinar & events'] : [],
    custom_fields: { lead_source: 'Webinar: "Pipeline <Q1> & beyond"' },
    counts: {
      emails_sent: ctx.random.int(0, 12),
      emails_viewed: ctx.random.int(0, 8),
      calls: ctx.random.int(0, 4),
    },
    account: ctx.link('accounts'),
    owner: ctx.link('users'),
    last_contacted_by: ctx.link('users'),
    import: null,
    person_stage: ctx.link('person_stages'),
  };
};

const account = (ctx: SampleContext): Named<Account> => {
  const name = ctx.company();
  const place = ctx.place();
  const domain = domainOf(name);
  return {
    id: ctx.id(),
    created_at: ctx.recent(),
    updated_at: ctx.at(),
    archived_at: null,
    name,
    domain: ctx.random.bool() ? domain : `https://www.${domain}/`,
    conversational_name: name.replace(/ (& Co|<EMEA>)$/, ''),
    website: `https://${domain}`,
    industry: ctx.random.pick(['Aerospace & Defense', 'Software', 'Healthcare', 'Logistics']),
    size: ctx.random.pick(['11-50', '51-200', '201-500', '1001-5000']),
    description: `${name} builds things <fast> & ships them; see https://${domain}/about?ref=salesloft&lang=en`,
    phone: `+1 404 555 0${ctx.random.int(100, 199)}`,
    street: ctx.random.pick(['1 Peachtree St NE', 'Königstraße 12', null]),
    city: place.city,
    state: place.state,
    postal_code: ctx.random.pick(['30303', '80331', null]),
    country: place.country,
    locale: ctx.random.pick(['US/Eastern', 'Europe/Berlin', null]),
    founded: ctx.random.pick(['1998', '2011', null]),
    company_type: ctx.random.pick(['Private', 'Public', null]),
    revenue_range: ctx.random.pick(['$10M-$50M', '$100M-$250M', null]),
    linkedin_url: `https://www.linkedin.com/company/${domain.split('.')[0]}`,
    twitter_handle: null,
    do_not_contact: false,
    crm_id: `0018c00002${ctx.random.int(10_000, 99_999)}AAA`,
    crm_url: 'https://example.my.salesforce.com/0018c00002AbCdEAAA',
    crm_object_type: 'account',
    owner_crm_id: `0058c00000${ctx.random.int(10_000, 99_999)}AAA`,
    tags: [],
    custom_fields: {},
    counts: { people: null },
    owner: ctx.link('users'),
    creator: ctx.link('users'),
    account_tier: null,
    company_stage: ctx.link('account_stages'),
    last_contacted_at: ctx.recent(),
    last_contacted_by: ctx.link('users'),
    last_contacted_type: ctx.random.pick(['email', 'call', null]),
    last_contacted_person: ctx.link('people'),
    prospector_engagement_level: ctx.random.pick(['low', 'medium', 'high', null]),
    prospector_engagement_score: ctx.random.pick(['12.0', '42.5', null]),
    user_relationships: [],
  };
};

const cadence = (ctx: SampleContext): Named<Cadence> => ({
  id: ctx.id(),
  created_at: ctx.recent(),
  updated_at: ctx.at(),
  archived_at: null,
  name: ctx.random.pick([
    'Q4 Outbound: VP Sales & Ops',
    'Inbound Demo Follow-up <2 weeks>',
    'Événements & Salons',
    'Renewal Nurture & Upsell',
  ]),
  team_cadence: ctx.random.bool(),
  shared: true,
  remove_bounces_enabled: true,
  remove_replies_enabled: true,
  opt_out_link_included: true,
  draft: false,
  cadence_framework_id: null,
  cadence_function: 'outbound',
  tags: [],
  creator: ctx.link('users'),
  owner: ctx.link('users'),
  bounced_stage: ctx.link('person_stages'),
  replied_stage: ctx.link('person_stages'),
  added_stage: ctx.link('person_stages'),
  finished_stage: ctx.link('person_stages'),
  counts: {
    cadence_people: ctx.random.int(0, 500),
    people_acted_on_count: ctx.random.int(0, 80),
    target_daily_people: 0,
  },
});

const cadenceMembership = (ctx: SampleContext): Named<CadenceMembership> => ({
  id: ctx.id(),
  added_at: ctx.recent(),
  created_at: ctx.recent(),
  updated_at: ctx.at(),
  person_deleted: false,
  currently_on_cadence: true,
  current_state: ctx.random.pick(['staged', 'active', 'scheduled', 'completed', 'removed']),
  cadence: ctx.link('cadences'),
  person: ctx.link('people'),
  user: ctx.link('users'),
  latest_action: ctx.link('actions'),
  counts: {
    views: ctx.random.int(0, 9),
    clicks: ctx.random.int(0, 3),
    replies: ctx.random.int(0, 2),
    calls: ctx.random.int(0, 3),
    sent_emails: ctx.random.int(0, 6),
    bounces: 0,
  },
});

const call = (ctx: SampleContext): Named<Call> => ({
  id: ctx.id(),
  to: `+1 404 555 0${ctx.random.int(100, 199)}`,
  duration: ctx.random.int(0, 900),
  disposition: ctx.random.pick(['Connected', 'Left Voicemail', 'No Answer']),
  sentiment: ctx.random.pick(['Interested', 'Not Interested', null]),
  recordings: [],
  created_at: ctx.at(),
  updated_at: ctx.at(),
  user: ctx.link('users'),
  action: ctx.link('actions'),
  called_person: ctx.link('people'),
  crm_activity: ctx.link('crm_activities'),
  note: ctx.link('notes'),
  cadence: ctx.link('cadences'),
  step: ctx.link('steps'),
  task: ctx.link('tasks'),
});

const callDataRecord = (ctx: SampleContext): Named<CallDataRecord> => ({
  id: ctx.id(),
  to: `+1 404 555 0${ctx.random.int(100, 199)}`,
  from: `+1 678 555 0${ctx.random.int(100, 199)}`,
  duration: ctx.random.int(0, 900),
  direction: ctx.random.pick(['outbound', 'inbound']),
  status: ctx.random.pick(['completed', 'no-answer', 'busy']),
  call_type: ctx.random.pick(['call', 'bridge', 'collaboration']),
  call_uuid: ctx.random.uuid(),
  recording: { url: null, status: 'not_recorded', recording_status: null },
  created_at: ctx.at(),
  updated_at: ctx.at(),
  call: ctx.link('activities/calls'),
  called_person: ctx.link('people'),
  user: ctx.link('users'),
});

const conversation = (ctx: SampleContext): Named<Conversation> => ({
  id: ctx.random.uuid(),
  title: ctx.random.pick(['Discovery call', 'Demo: platform overview', 'Pricing review']),
  platform: ctx.random.pick(['zoom', 'teams', 'dialer']),
  media_type: ctx.random.pick(['video', 'audio']),
  duration: ctx.random.int(300_000, 3_600_000),
  started_recording_at: ctx.recent(),
  created_at: ctx.recent(),
  updated_at: ctx.at(),
  user_guid: ctx.random.uuid(),
  organization_id: ctx.random.uuid(),
  account_id: ctx.id(),
  person_id: ctx.id(),
  opportunity_id: null,
  call_id: null,
  meeting_id: null,
});

const conversationRecording = (ctx: SampleContext): Named<ConversationRecording> => ({
  id: ctx.random.uuid(),
  conversation_id: ctx.random.uuid(),
  status: 'completed',
  duration: ctx.random.int(300_000, 3_600_000),
  media_type: 'video',
  created_at: ctx.at(),
  updated_at: ctx.at(),
});

const conversationTranscript = (ctx: SampleContext): Named<ConversationTranscript> => ({
  id: ctx.random.uuid(),
  conversation_id: ctx.random.uuid(),
  language_code: 'en-US',
  status: 'completed',
  created_at: ctx.at(),
  updated_at: ctx.at(),
});

const email = (ctx: SampleContext): Named<Email> => {
  const who = ctx.person();
  return {
    id: ctx.id(),
    created_at: ctx.recent(),
    updated_at: ctx.at(),
    recipient_email_address: who.email,
    status: ctx.random.pick(['sent', 'sent', 'sent_from_gmail', 'scheduled', 'failed']),
    bounced: ctx.random.bool(0.1),
    send_after: null,
    sent_at: ctx.at(1),
    view_tracking: true,
    click_tracking: true,
    personalization: '42.5',
    counts: {
      clicks: ctx.random.int(0, 3),
      views: ctx.random.int(0, 6),
      replies: ctx.random.int(0, 1),
      unique_devices: ctx.random.int(0, 2),
      unique_locations: ctx.random.int(0, 2),
      attachments: 0,
    },
    recipient: ctx.link('people'),
    user: ctx.link('users'),
    action: ctx.link('actions'),
    crm_activity: ctx.link('crm_activities'),
    cadence: ctx.link('cadences'),
    step: ctx.link('steps'),
    email_template: ctx.link('email_templates'),
    mailing: { id: ctx.id() },
  };
};

const emailWithBodyAndSubject = (ctx: SampleContext): Named<EmailWithBodyAndSubject> => {
  const base = email(ctx);
  const subject = ctx.random.pick([
    'Quick question about your Q4 pipeline & forecast',
    'Following up on our call <notes inside>',
    'Intro: Müller & Söhne',
  ]);
  return {
    ...base,
    subject,
    body: `<p>Hi there,</p><p>${subject}: do you have 15 minutes this week? <a href="https://cal.example.com/sam?week=2&duration=15">Pick a time</a></p><p>Best,<br>Sam</p>`,
  };
};

// The Link Swapping guide's shape: the email's links as strings, and ids without `_href`s.
const linkSwap = (ctx: SampleContext): Named<LinkSwap> => {
  const who = ctx.person();
  return {
    user: { id: ctx.id(), email: 'sam.rivera@salesloft.example.com' },
    team: { id: ctx.id() },
    mailing: { id: ctx.id() },
    email: { id: ctx.id() },
    person: { id: ctx.id(), email: who.email },
    links: [`https://${who.domain}/pricing?plan=pro&seats=5`, 'https://www.example.com/case-studies/acme'],
  };
};

const meeting = (ctx: SampleContext): Named<Meeting> => {
  const who = ctx.person();
  const start = ctx.random.int(1, 10) * 24 * 60;
  return {
    id: ctx.id(),
    title: `Intro: ${who.company} & Salesloft`,
    start_time: ctx.at(-start),
    end_time: ctx.at(-start - 30),
    status: 'booked',
    all_day: false,
    location: 'https://zoom.us/j/0000000000?pwd=abc&from=salesloft',
    meeting_type: 'Intro call',
    recipient_email: who.email,
    recipient_name: `${who.first} ${who.last}`,
    created_at: ctx.at(),
    updated_at: ctx.at(),
    event_source: ctx.random.pick(['internal', 'external']),
    i_cal_uid: `${ctx.random.uuid()}@example.com`,
    account_id: String(ctx.id()),
    task_id: ctx.random.bool() ? String(ctx.id()) : null,
    no_show: false,
    person: ctx.link('people'),
    owned_by_meetings_settings: { email_address: 'rep@salesloft.example.com' },
    booked_by_meetings_settings: { email_address: 'sdr@salesloft.example.com' },
    attendees: [
      { email: who.email, name: `${who.first} ${who.last}`, status: 'needsAction', organizer: false },
    ],
  };
};

const note = (ctx: SampleContext): Named<Note> => {
  const associatedType = ctx.random.pick(['person', 'account'] as const);
  return {
    id: ctx.id(),
    content: ctx.random.pick([
      'Spoke with the VP: budget approved for Q1 (< $50k) & wants a follow-up demo.',
      'Left a voicemail; will try again Thursday. Deck: https://docs.example.com/deck?v=2&lang=en',
      'Prefers email — evaluating two other vendors <confidential>.',
    ]),
    created_at: ctx.recent(),
    updated_at: ctx.at(),
    associated_type: associatedType,
    associated_with: ctx.link(associatedType === 'person' ? 'people' : 'accounts'),
    call: null,
    user: ctx.link('users'),
  };
};

const step = (ctx: SampleContext): Named<Step> => {
  const type = ctx.random.pick(['email', 'phone', 'other', 'integration'] as const);
  const day = ctx.random.int(1, 14);
  return {
    id: ctx.id(),
    created_at: ctx.recent(),
    updated_at: ctx.at(),
    disabled: false,
    type,
    name: `Day ${day}: ${type} & follow-up`,
    display_name: `Day ${day}: ${type === 'phone' ? 'Call' : type}`,
    day,
    step_number: ctx.random.int(1, 9),
    details: ctx.link('email_templates'),
    multitouch_enabled: false,
    cadence: ctx.link('cadences'),
  };
};

const task = (ctx: SampleContext): Named<Task> => ({
  id: ctx.id(),
  subject: ctx.random.pick([
    'Call about the renewal & upsell',
    'Send pricing one-pager <PDF>',
    'Relancer José après la démo',
  ]),
  task_type: ctx.random.pick(['call', 'email', 'general']),
  current_state: 'scheduled',
  due_date: ctx.date(ctx.random.int(0, 7)),
  due_at: null,
  remind_at: null,
  reminded: false,
  expires_after: null,
  description: 'Notes: https://docs.example.com/account-plan?id=42&tab=notes',
  created_at: ctx.recent(),
  updated_at: ctx.at(),
  completed_at: null,
  person: ctx.link('people'),
  user: ctx.link('users'),
  created_by_user: ctx.link('users'),
  completed_by: null,
  opportunity: null,
  instigator: {
    action_caller_id: null,
    action_caller_name: null,
    metadata: null,
    reason: null,
    type: 'user',
    user_guid: ctx.random.uuid(),
  },
  score: { factors: [], prioritizer_uuid: null, score: '2.0' },
  source: 'salesloft.api',
  multitouch_group_id: null,
  object_references: [],
  rollback_reason: null,
  custom_attributes: {},
  custom_attribute_resources: [],
});

const completedTask = (ctx: SampleContext): Named<Task> => ({
  ...task(ctx),
  current_state: 'completed',
  completed_at: ctx.at(),
  completed_by: ctx.link('users'),
});

const user = (ctx: SampleContext): Named<User> => {
  const who = ctx.person();
  return {
    id: ctx.id(),
    guid: ctx.random.uuid(),
    created_at: ctx.recent(),
    updated_at: ctx.at(),
    name: `${who.first} ${who.last}`,
    first_name: who.first,
    last_name: who.last,
    job_role: ctx.random.pick(['Account Executive', 'SDR', 'Sales Manager']),
    active: true,
    time_zone: 'US/Eastern',
    slack_username: null,
    twitter_handle: null,
    email: who.email.replace(/@.*/, '@salesloft.example.com'),
    email_client_email_address: null,
    sending_email_address: null,
    from_address: null,
    full_email_address: `"${who.first} ${who.last}" <${who.email.replace(/@.*/, '@salesloft.example.com')}>`,
    bcc_email_address: null,
    email_signature: `<p>${who.first} ${who.last} &mdash; Sales</p>`,
    email_signature_type: 'html',
    email_signature_click_tracking_disabled: false,
    team_admin: false,
    local_dial_enabled: false,
    click_to_call_enabled: true,
    email_client_configured: true,
    crm_connected: true,
    external_feature_flags: {},
    phone_client: { id: ctx.id() },
    phone_number_assignment: ctx.link('phone_number_assignments'),
    group: ctx.link('groups'),
    team: { id: ctx.id(), _href: 'https://api.salesloft.com/v2/team' },
    role: { id: ctx.random.pick(['Admin', 'User']) },
  };
};

const success = (ctx: SampleContext): Named<Success> => ({
  id: ctx.id(),
  created_at: ctx.at(),
  updated_at: ctx.at(),
  succeeded_at: ctx.at(),
  success_window_started_at: ctx.recent(),
  counts: { total_emails: ctx.random.int(1, 9), total_calls: ctx.random.int(0, 5), total_other_touches: 0 },
  person: ctx.link('people'),
  user: ctx.link('users'),
  latest_email: ctx.link('activities/emails'),
  latest_call: ctx.link('activities/calls'),
  latest_action: null,
  latest_cadence: ctx.link('cadences'),
  latest_step: ctx.link('steps'),
});

const bulkJob = (ctx: SampleContext): Named<BulkJob> => {
  const total = ctx.random.int(10, 5000);
  return {
    id: ctx.id(),
    name: 'Import people & accounts <Q1 list>',
    type: ctx.random.pick(['person/upsert', 'person/delete', 'cadence_membership/create']),
    state: 'done',
    scopes: ['people:write'],
    ready_to_execute: true,
    total,
    processed: total,
    errors: ctx.random.int(0, 5),
    created_at: ctx.at(31),
    updated_at: ctx.at(),
    marked_ready_at: ctx.at(30),
    started_at: ctx.at(29),
    finished_at: ctx.at(),
  };
};

/**
 * The sample of each of the 37 event types, typed by its payload (catalog/payloads.ts): each
 * builder declares the payload it returns, so the compiler checks every field of every sample
 * against the types the library promises (a field either side lacks fails the type check).
 */
export const EVENT_SAMPLES: {
  readonly [T in EventType]: (ctx: SampleContext) => Named<EventPayloads[T]>;
} = {
  account_created: account,
  account_deleted: account,
  account_updated: account,
  bulk_job_completed: bulkJob,
  cadence_created: cadence,
  cadence_deleted: cadence,
  cadence_membership_created: cadenceMembership,
  cadence_membership_updated: cadenceMembership,
  cadence_updated: cadence,
  call_created: call,
  call_data_record_created: callDataRecord,
  call_data_record_updated: callDataRecord,
  call_updated: call,
  conversation_created: conversation,
  conversation_recording_created: conversationRecording,
  conversation_transcript_created: conversationTranscript,
  email_updated: email,
  email_with_body_and_subject_updated: emailWithBodyAndSubject,
  link_swap: linkSwap,
  meeting_booked: meeting,
  meeting_updated: meeting,
  note_created: note,
  note_deleted: note,
  note_updated: note,
  person_created: person,
  person_deleted: person,
  person_updated: person,
  step_created: step,
  step_deleted: step,
  step_updated: step,
  success_created: success,
  task_completed: completedTask,
  task_created: task,
  task_deleted: task,
  task_updated: task,
  user_created: user,
  user_updated: user,
};
