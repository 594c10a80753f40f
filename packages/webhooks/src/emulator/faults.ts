/** A misbehaviour to inject into the emulated REST API. */
export interface FaultRule {
  /** `status`: answer with `status`; `reset`: drop the connection unanswered;
   * `uncertain_create`: perform a create, then answer 500 (`status`) or drop the connection (`reset: true`). */
  kind: 'status' | 'reset' | 'uncertain_create';
  status?: number;
  /** Seconds, sent as `Retry-After` with a `status` fault. */
  retry_after?: number;
  /** Only requests with this method (default: any). */
  method?: string;
  /** Only requests whose path starts with this (default: any API path). */
  path?: string;
  /** Only creates of this event type (the `event_type` of a POST body). */
  event_type?: string;
  /** Let this many matching requests through first. */
  skip?: number;
  /** Apply to this many matching requests, then retire (default 1; 0 = forever). */
  count?: number;
  /** Apply to a matching request with this probability (default 1). */
  probability?: number;
  /** For `uncertain_create`: drop the connection instead of answering 500. */
  reset?: boolean;
}

interface ActiveRule extends FaultRule {
  seen: number;
  applied: number;
}

/** The fault plan: rules consulted in order for each API request. */
export class FaultPlan {
  private rules: ActiveRule[] = [];
  latencyMs = 0;

  constructor(private readonly random: () => number = Math.random) {}

  add(rule: FaultRule): void {
    this.rules.push({ ...rule, seen: 0, applied: 0 });
  }

  clear(): void {
    this.rules = [];
    this.latencyMs = 0;
  }

  /** The rule that applies to this request, if any (and counts it). */
  take(method: string, path: string, eventType?: string): FaultRule | undefined {
    for (const rule of this.rules) {
      if (rule.method && rule.method.toUpperCase() !== method) continue;
      if (rule.path && !path.startsWith(rule.path)) continue;
      if (rule.event_type !== undefined && rule.event_type !== eventType) continue;
      rule.seen += 1;
      if (rule.seen <= (rule.skip ?? 0)) continue;
      if (rule.probability !== undefined && this.random() >= rule.probability) continue;
      rule.applied += 1;
      const limit = rule.count ?? 1;
      if (limit > 0 && rule.applied >= limit) this.rules = this.rules.filter((other) => other !== rule);
      return rule;
    }
    return undefined;
  }
}

const KINDS = new Set(['status', 'reset', 'uncertain_create']);

/** Validates a rule received as JSON; returns an error message or the rule. */
export function parseFaultRule(input: unknown): FaultRule | string {
  if (!input || typeof input !== 'object') return 'a fault must be a JSON object';
  const rule = input as Record<string, unknown>;
  if (typeof rule.kind !== 'string' || !KINDS.has(rule.kind))
    return 'kind must be status, reset or uncertain_create';
  if (rule.kind === 'status' && (typeof rule.status !== 'number' || rule.status < 100 || rule.status > 599)) {
    return 'a status fault needs a status between 100 and 599';
  }
  for (const key of ['method', 'path', 'event_type'] as const) {
    if (rule[key] !== undefined && typeof rule[key] !== 'string') return `${key} must be a string`;
  }
  for (const key of ['retry_after', 'skip', 'count', 'probability', 'status'] as const) {
    if (rule[key] !== undefined && typeof rule[key] !== 'number') return `${key} must be a number`;
  }
  return rule as unknown as FaultRule;
}
