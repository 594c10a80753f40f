// What the Action writes for the runner: outputs, annotations, and the job summary (pure text).

/** Plan items by what they change: a recreate (new token) and enable/disable count as updates. */
export function countPlan(plan) {
  const count = (actions) => plan.filter((item) => actions.includes(item.action)).length;
  return {
    creates: count(['create']),
    updates: count(['enable', 'disable', 'recreate']),
    deletes: count(['delete']),
  };
}

/** One `name=value` line of $GITHUB_OUTPUT (JSON for objects; a value never spans lines). */
export function output(name, value) {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return `${name}=${text.replace(/\r?\n/g, ' ')}\n`;
}

/**
 * `file:line: message`, as sync reports a bad file, split into its parts (the message may span
 * lines: a YAML error's excerpt); null for any other message.
 */
export function located(message) {
  const match = /^([^\n]+?):(\d+): ([\s\S]*)$/.exec(message);
  return match ? { file: match[1], line: match[2], message: match[3] } : null;
}

/** An `::error file=…,line=…::message` workflow command, escaped as the runner expects. */
export function annotation(message, where = {}) {
  const data = (text) => String(text).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const property = (text) => data(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
  const properties = Object.entries(where)
    .map(([key, value]) => `${key}=${property(value)}`)
    .join(',');
  return `::error${properties ? ` ${properties}` : ''}::${data(message)}\n`;
}

const TITLES = {
  check: 'Salesloft webhook drift check',
  apply: 'Salesloft webhooks applied',
  'apply-prune': 'Salesloft webhooks applied (with prune)',
};

/** The job summary: the plan's table, then the verdict (drift, or the failure and its error). */
export function summaryFor(mode, table, { drift = false, failed } = {}) {
  const verdict = failed
    ? `**Failed:** ${failed.replace(/\r?\n/g, ' ')}`
    : drift
      ? '**Drift:** the team differs from the file.'
      : '';
  return `### ${TITLES[mode] ?? 'salesloft-hooks sync'}\n\n${[table, verdict].filter(Boolean).join('\n\n')}\n`;
}
