import type { ChalkInstance } from 'chalk';
import Table from 'cli-table3';
import type { Subscription } from '../../../packages/webhooks/src/salesloft/types.js';
import { maskToken, safeText, safeUrl } from '../../../packages/webhooks/src/shared/text.js';

// Its own module, imported only for human output: cli-table3 loads from node_modules.
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
      safeUrl(sub.callback_url),
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
