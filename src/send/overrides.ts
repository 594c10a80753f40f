import { editDistance, nearest } from '../catalog/typos.js';
import { UsageError } from '../shared/errors.js';

export interface Override {
  path: string[];
  value: unknown;
}

const FORBIDDEN = new Set(['__proto__', 'prototype', 'constructor']);

/** `--set account.id=42`: a dotted path and a value, parsed as JSON when it parses, else a string. */
export function parseOverride(text: string): Override {
  const at = text.indexOf('=');
  const path = at > 0 ? text.slice(0, at).split('.') : [];
  if (path.length === 0 || path.some((part) => part === '' || FORBIDDEN.has(part))) {
    throw new UsageError(
      `--set "${text}" is not path=value (for example first_name=Ada or account.id=42).`,
      'bad_set',
    );
  }
  const raw = text.slice(at + 1);
  let value: unknown = raw;
  try {
    value = JSON.parse(raw);
  } catch {
    // Not JSON: the text itself.
  }
  return { path, value };
}

/** Applies overrides to a sample in place, creating objects along the path where needed. */
export function applyOverrides(target: Record<string, unknown>, overrides: readonly Override[]): void {
  for (const { path, value } of overrides) {
    let node: Record<string, unknown> = target;
    for (const part of path.slice(0, -1)) {
      const next = node[part];
      if (next === null || typeof next !== 'object') node[part] = {};
      node = node[part] as Record<string, unknown>;
    }
    node[path[path.length - 1] as string] = value;
  }
}

/**
 * The overrides whose path names a field the sample does not have (a typo such as `frist_name`
 * would otherwise add a field silently), each with the closest field names of the sample.
 */
export function unknownFields(
  sample: Record<string, unknown>,
  overrides: readonly Override[],
): { path: string; suggestions: string[] }[] {
  const unknown: { path: string; suggestions: string[] }[] = [];
  for (const { path } of overrides) {
    let node: unknown = sample;
    for (const [depth, part] of path.entries()) {
      if (node === null || typeof node !== 'object') break;
      const fields = Object.keys(node as Record<string, unknown>);
      if (!fields.includes(part)) {
        const close = nearest(part, fields, 2).filter((field) => editDistance(part, field) <= 3);
        unknown.push({ path: path.slice(0, depth + 1).join('.'), suggestions: close });
        break;
      }
      node = (node as Record<string, unknown>)[part];
    }
  }
  return unknown;
}
