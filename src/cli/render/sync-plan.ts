import type { ChalkInstance } from 'chalk';
import { safeText } from '../../shared/text.js';
import type { SyncStep } from '../../sync/plan.js';

/** The plan in the manner of `terraform plan`: a symbol per step and a summary line. */
export function renderSyncPlan(steps: readonly SyncStep[], file: string, color: ChalkInstance): string {
  if (steps.length === 0) return `No changes: the team's subscriptions match ${file}.`;
  const lines = steps.map((step) => stepLine(step, color));
  const count = (...actions: SyncStep['action'][]) =>
    steps.filter((step) => actions.includes(step.action)).length;
  lines.push(
    '',
    `Plan: ${count('create')} to create, ${count('enable', 'disable')} to change, ${count('recreate')} to recreate, ${count('delete')} to delete.`,
  );
  return lines.join('\n');
}

function stepLine(step: SyncStep, color: ChalkInstance): string {
  const target = `${safeText(step.event_type)} -> ${safeText(step.callback_url)}`;
  switch (step.action) {
    case 'create':
      return `${color.green('  +')} create    ${target}${step.enabled ? '' : color.dim(' (disabled)')}`;
    case 'enable':
    case 'disable':
      return `${color.yellow('  ~')} ${step.action.padEnd(9)} #${step.id} ${target}`;
    case 'recreate':
      return `${color.magenta('-/+')} recreate  #${step.id} ${target} ${color.dim('(token changed)')}`;
    case 'delete':
      return `${color.red('  -')} delete    #${step.id} ${target} ${color.dim(step.reason === 'duplicate' ? '(duplicate)' : '(not declared)')}`;
  }
}
