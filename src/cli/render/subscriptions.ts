import type { ChalkInstance } from 'chalk';
import type { Subscription } from '../../../packages/webhooks/src/salesloft/types.js';
import { safeText, safeUrl } from '../../../packages/webhooks/src/shared/text.js';
import type { PlanItem } from '../../subscriptions/subscribe.js';

/** One line per subscription, for confirmations and summaries. */
export function describeSubscription(sub: Subscription): string {
  return `#${sub.id} ${safeText(sub.event_type)} -> ${safeUrl(sub.callback_url)}${sub.enabled ? '' : ' (disabled)'}`;
}

/** `+ person_updated -> URL` for each create, `= ...` for what already exists, and a summary. */
export function renderPlan(plan: readonly PlanItem[], color: ChalkInstance): string {
  const lines = plan.map((item) => {
    const target = `${safeText(item.event_type)} -> ${safeUrl(item.callback_url)}`;
    return item.action === 'create'
      ? `${color.green('+')} ${target}`
      : `${color.dim('=')} ${target} ${color.dim('(exists)')}`;
  });
  const creates = plan.filter((item) => item.action === 'create').length;
  lines.push(`${creates} to create, ${plan.length - creates} already exist.`);
  return lines.join('\n');
}
