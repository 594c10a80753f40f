import type { ChalkInstance } from 'chalk';
import Table from 'cli-table3';
import type { Subscription } from '../../salesloft/types.js';
import { maskToken, safeText } from '../../shared/text.js';
import type { PlanItem } from '../../subscriptions/subscribe.js';

const BORDERLESS = {
  top: '',
  'top-mid': '',
  'top-left': '',
  'top-right': '',
  bottom: '',
  'bottom-mid': '',
  'bottom-left': '',
  'bottom-right': '',
  left: '',
  'left-mid': '',
  mid: '',
  'mid-mid': '',
  right: '',
  'right-mid': '',
  middle: '  ',
};

/** The team's subscriptions as a table: id, event, enabled, callback URL, token (masked unless shown). */
export function renderSubscriptionTable(
  subscriptions: readonly Subscription[],
  options: { color: ChalkInstance; showTokens: boolean },
): string {
  const { color, showTokens } = options;
  const table = new Table({
    head: ['ID', 'EVENT', 'ENABLED', 'CALLBACK URL', 'TOKEN'],
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0 },
    chars: BORDERLESS,
  });
  for (const sub of subscriptions) {
    table.push([
      String(sub.id),
      safeText(sub.event_type),
      sub.enabled ? color.green('yes') : color.yellow('no'),
      safeText(sub.callback_url),
      sub.callback_token === undefined
        ? ''
        : safeText(showTokens ? sub.callback_token : maskToken(sub.callback_token)),
    ]);
  }
  return table
    .toString()
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n');
}

/** One line per subscription, for confirmations and summaries. */
export function describeSubscription(sub: Subscription): string {
  return `#${sub.id} ${safeText(sub.event_type)} -> ${safeText(sub.callback_url)}${sub.enabled ? '' : ' (disabled)'}`;
}

/** `+ person_updated -> URL` for each create, `= ...` for what already exists, and a summary. */
export function renderPlan(plan: readonly PlanItem[], color: ChalkInstance): string {
  const lines = plan.map((item) => {
    const target = `${safeText(item.event_type)} -> ${safeText(item.callback_url)}`;
    return item.action === 'create'
      ? `${color.green('+')} ${target}`
      : `${color.dim('=')} ${target} ${color.dim('(exists)')}`;
  });
  const creates = plan.filter((item) => item.action === 'create').length;
  lines.push(`${creates} to create, ${plan.length - creates} already exist.`);
  return lines.join('\n');
}
