import type { ChalkInstance } from 'chalk';
import type { PlanItem } from '../subscriptions/subscribe.js';

/** `+ person_updated -> URL` for each create, `= ...` for what already exists, and a summary. */
export function renderPlan(plan: readonly PlanItem[], color: ChalkInstance): string {
  const lines = plan.map((item) =>
    item.action === 'create'
      ? `${color.green('+')} ${item.event_type} -> ${item.callback_url}`
      : `${color.dim('=')} ${item.event_type} -> ${item.callback_url} ${color.dim('(exists)')}`,
  );
  const creates = plan.filter((item) => item.action === 'create').length;
  lines.push(`${creates} to create, ${plan.length - creates} already exist.`);
  return lines.join('\n');
}
