const BIDI = new Set([
  0x061c, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069,
]);

/** True when text holds a raw control (C0 but newline, DEL, C1) or bidi control: on a terminal, an injection. */
export function hasRawControl(text: string): boolean {
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if ((code < 0x20 && code !== 0x0a) || (code >= 0x7f && code <= 0x9f) || BIDI.has(code)) return true;
  }
  return false;
}
