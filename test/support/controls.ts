/** A raw control (C0 but newline, DEL, C1) or bidi control: on a human-readable stream it is an injection. */
export const RAW_CONTROL = new RegExp(
  '[\\u0000-\\u0009\\u000b-\\u001f\\u007f-\\u009f\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069]',
);
