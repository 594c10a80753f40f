/**
 * JSON as a Rails application writes it, which is how Salesloft's deliveries arrive: ActiveSupport
 * escapes `&`, `<`, `>` (and U+2028, U+2029) as `\u0026`..., and Ruby's JSON can escape `/` as `\/`.
 * A handler that parses the body and signs `JSON.stringify(req.body)` gets other bytes back and so
 * another signature: this is the body that catches it.
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
  '/': '\\/',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};
const RAILS_ESCAPED = /[&<>/\u2028\u2029]/g;
