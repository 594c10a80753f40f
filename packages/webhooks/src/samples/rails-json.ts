/**
 * JSON as Rails' default encoder (ActiveSupport) writes it: `&`, `<`, `>`, U+2028 and U+2029
 * escaped as `\u0026`, `\u003c`, `\u003e`, `\u2028`, `\u2029`, everything else as `JSON.stringify`
 * does. That Salesloft's deliveries are written so is our inference, not a captured fact
 * (salesloft-facts.md, "Payloads"); what is certain is that a handler that parses and re-serialises
 * a body gets other bytes than it received, and so another signature.
 *
 * The escapes are applied to the serialised text, which is safe because these characters can only
 * occur inside JSON strings.
 */
export function railsJson(value: unknown): string {
  return JSON.stringify(value).replace(RAILS_ESCAPED, (char) => RAILS_ESCAPES[char] ?? char);
}

const RAILS_ESCAPES: Readonly<Record<string, string>> = {
  '&': '\\u0026',
  '<': '\\u003c',
  '>': '\\u003e',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};
const RAILS_ESCAPED = /[&<>\u2028\u2029]/g;
