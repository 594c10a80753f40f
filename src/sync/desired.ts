import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument, visit, type YAMLMap } from 'yaml';
import { matchEvents, synchronousWarning, unknownEventsWarning } from '../catalog/patterns.js';

type VariableLookup = (name: string) => string | undefined;

import { UsageError } from '../shared/errors.js';
import { readInputFile } from '../shared/input-file.js';
import { isHttpUrl } from '../shared/urls.js';

/** One subscription the file declares: a URL and event type, with its token and state. */
export interface DesiredSubscription {
  callback_url: string;
  event_type: string;
  callback_token: string;
  enabled: boolean;
  /** Where it was declared, for messages. */
  line: number;
}

export interface DesiredState {
  subscriptions: DesiredSubscription[];
  /** Every URL the file manages (for `--prune`). */
  urls: string[];
  warnings: string[];
}

const ENTRY_KEYS = new Set(['url', 'token', 'token_env', 'events', 'enabled']);

/** Variables that hold this tool's own credentials: never a callback token. */
const OWN_SECRETS = new Set(['SALESLOFT_API_KEY', 'NGROK_AUTHTOKEN']);

/** Reads and validates a sync file; every problem is a usage error naming the file and line. */
export async function readDesiredState(file: string, lookup: VariableLookup): Promise<DesiredState> {
  const text = (await readInputFile(file, '--file')).toString('utf8');
  return parseDesiredState(text, file, lookup);
}

/** `lookup` resolves a `token_env` name by the one precedence rule (see shared/config.ts). */
export function parseDesiredState(text: string, file: string, lookup: VariableLookup): DesiredState {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true });
  const fail = (node: Node | null | undefined, message: string): never => {
    const line = node?.range ? lines.linePos(node.range[0]).line : 1;
    throw new UsageError(`${file}:${line}: ${message}`, 'invalid_sync_file');
  };
  const firstError = doc.errors[0];
  if (firstError) {
    throw new UsageError(
      `${file}:${firstError.linePos?.[0]?.line ?? 1}: ${firstError.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '')}`,
      'invalid_sync_file',
    );
  }
  // An unknown tag (`!env HOME`) would otherwise be read as the plain text after it.
  const firstWarning = doc.warnings[0];
  if (firstWarning) {
    throw new UsageError(
      `${file}:${firstWarning.linePos?.[0]?.line ?? 1}: ${firstWarning.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '')} (YAML tags are not supported here)`,
      'invalid_sync_file',
    );
  }
  const noAnchors = (node: Node) =>
    fail(
      node,
      'anchors, aliases and merge keys (&, *, <<) are not supported here: write each subscription out',
    );
  visit(doc, {
    Alias: (_key, node) => noAnchors(node),
    Pair: (_key, pair) => {
      if (isScalar(pair.key) && pair.key.value === '<<') noAnchors(pair.key);
    },
    Node: (_key, node) => {
      if (node.anchor) noAnchors(node);
    },
  });
  const root = doc.contents;
  if (!isMap(root)) return fail(root, 'expected a mapping with a `subscriptions:` list');
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    if (key !== 'subscriptions') fail(pair.key as Node, `unknown key "${key}" (expected subscriptions)`);
  }
  const list = root.get('subscriptions', true);
  if (!isSeq(list)) return fail((list as Node | undefined) ?? root, '`subscriptions` must be a list');

  const subscriptions: DesiredSubscription[] = [];
  const warnings: string[] = [];
  const seen = new Map<string, number>();
  for (const item of list.items) {
    if (!isMap(item))
      return fail(
        item as Node,
        'each subscription must be a mapping (url, events, token or token_env, enabled)',
      );
    const entry = item as YAMLMap;
    const line = entry.range ? lines.linePos(entry.range[0]).line : 1;
    for (const pair of entry.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      if (!ENTRY_KEYS.has(key))
        fail(pair.key as Node, `unknown key "${key}" (expected url, events, token, token_env, enabled)`);
    }
    const value = (key: string) => entry.get(key, true) as Node | undefined;
    const url = scalarString(value('url')) ?? fail(value('url') ?? entry, '`url` is required');
    if (!isHttpUrl(url)) fail(value('url'), `"${url}" is not an http(s) URL`);

    const tokenNode = value('token');
    if (tokenNode !== undefined && !(isScalar(tokenNode) && typeof tokenNode.value === 'string')) {
      fail(tokenNode, '`token` must be text: quote the token (YAML reads 0123… and 0x1F as numbers)');
    }
    const literal = scalarString(tokenNode);
    const envName = scalarString(value('token_env'));
    if (literal !== undefined && envName !== undefined)
      fail(value('token_env'), 'give token or token_env, not both');
    let token = literal;
    if (literal !== undefined && literal.trim() === '')
      fail(tokenNode, '`token` is blank: an empty HMAC key lets anyone sign deliveries');
    if (envName !== undefined) {
      if (OWN_SECRETS.has(envName))
        fail(
          value('token_env'),
          `token_env names ${envName}, a secret of this tool: it would be handed to every receiver of the deliveries`,
        );
      token = lookup(envName);
      if (token === undefined || token === '')
        fail(value('token_env'), `environment variable ${envName} is not set`);
      if (token?.trim() === '') fail(value('token_env'), `environment variable ${envName} is blank`);
    }
    if (token === undefined) fail(entry, 'a token is required: `token: <literal>` or `token_env: VARIABLE`');

    const enabledNode = value('enabled');
    let enabled = true;
    if (enabledNode !== undefined) {
      if (!isScalar(enabledNode) || typeof enabledNode.value !== 'boolean')
        fail(enabledNode, '`enabled` must be true or false');
      enabled = (enabledNode as { value: boolean }).value;
    }

    const eventsNode = value('events');
    const patterns = isSeq(eventsNode)
      ? eventsNode.items.map(
          (node) => scalarString(node as Node) ?? fail(node as Node, 'event patterns are strings'),
        )
      : scalarString(eventsNode) !== undefined
        ? [scalarString(eventsNode) as string]
        : fail(eventsNode ?? entry, '`events` is required: a list of event types or patterns');
    let events: string[];
    try {
      const match = matchEvents(patterns);
      for (const warning of [unknownEventsWarning(match.unknown), synchronousWarning(match.events)]) {
        if (warning) warnings.push(`${file}:${line}: ${warning}`);
      }
      events = match.events;
    } catch (error) {
      return fail(eventsNode, (error as Error).message);
    }

    for (const event_type of events) {
      const key = `${url}\n${event_type}`;
      const earlier = seen.get(key);
      if (earlier !== undefined)
        fail(entry, `${event_type} for ${url} is already declared on line ${earlier}`);
      seen.set(key, line);
      subscriptions.push({ callback_url: url, event_type, callback_token: token as string, enabled, line });
    }
  }
  return { subscriptions, urls: [...new Set(subscriptions.map((sub) => sub.callback_url))], warnings };
}

function scalarString(node: Node | undefined): string | undefined {
  if (!isScalar(node)) return undefined;
  if (typeof node.value === 'string') return node.value;
  if (typeof node.value === 'number') return String(node.value);
  return undefined;
}
