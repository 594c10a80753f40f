import type { ChalkInstance } from 'chalk';
import { maskUserinfo, safeText, safeUrl } from '../../../packages/webhooks/src/shared/text.js';
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
  const target = `${safeText(step.event_type)} -> ${safeUrl(step.callback_url)}`;
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

/** The plan as a Markdown table, for a CI job summary (`sync --format markdown`). */
export function syncPlanMarkdown(steps: readonly SyncStep[], file: string): string {
  if (steps.length === 0) return `No changes: the team's subscriptions match \`${cell(file)}\`.`;
  const rows = steps.map((step) => {
    const note =
      step.action === 'recreate'
        ? 'token changed'
        : step.action === 'delete'
          ? step.reason === 'duplicate'
            ? 'duplicate'
            : 'not declared'
          : '';
    const id = 'id' in step ? `#${step.id}` : '';
    return `| ${step.action} | ${id} | \`${cell(step.event_type)}\` | ${cell(maskUserinfo(step.callback_url))} | ${note} |`;
  });
  return [
    `Plan for \`${cell(file)}\`: ${steps.length} ${steps.length === 1 ? 'change' : 'changes'}.`,
    '',
    '| action | id | event type | callback URL | note |',
    '|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

/** Outside data in a table cell: no pipes, backticks or line breaks that could reshape the table, controls escaped. */
function cell(value: string): string {
  return safeText(value, 200).replace(/[|`\\]/g, (char) => `\\${char}`);
}
