import type { ChalkInstance } from 'chalk';
import { safeText } from '../shared/text.js';
import type { PlanItem } from '../subscriptions/subscribe.js';

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
