/**
 * `data` laid over `sample`, as `trigger --set` changes a sample: objects merge key by key, at any
 * depth; anything else (a value, an array, null) replaces what was there. Neither input changes.
 */
export function mergeOnto(sample: unknown, data: unknown): unknown {
  if (!isPlainObject(sample) || !isPlainObject(data)) return data;
  const merged: Record<string, unknown> = { ...sample };
  for (const [key, value] of Object.entries(data)) {
    // Own keys only: a "__proto__" key in outside data stays a key, never a prototype.
    Object.defineProperty(merged, key, {
      value: key in sample ? mergeOnto(sample[key], value) : value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return merged;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
