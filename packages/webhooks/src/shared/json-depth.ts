/**
 * How deep a walk over parsed JSON may go. Salesloft's resources nest a few levels; a forged body
 * nested 20,000 deep parses (V8's JSON.parse does not recurse) but overflows the stack of any
 * recursive walk, JSON.stringify included.
 */
export const MAX_JSON_DEPTH = 64;

/** True when the JSON text nests arrays and objects deeper than `limit` (strings are skipped). */
export function nestedDeeperThan(text: string, limit = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (inString) {
      if (code === 0x5c) index++;
      else if (code === 0x22) inString = false;
    } else if (code === 0x22) {
      inString = true;
    } else if (code === 0x5b || code === 0x7b) {
      if (++depth > limit) return true;
    } else if (code === 0x5d || code === 0x7d) {
      depth--;
    }
  }
  return false;
}
