/**
 * oclif prints the command line under DEBUG=*, so the API key must not be in it: bin/run.js
 * swaps the value of --api-key for a placeholder before oclif sees argv, and the base command
 * swaps it back when it resolves settings.
 */
export const REDACTED = '<redacted>';

let hiddenApiKey: string | undefined;

export function hideApiKey(argv: readonly string[]): string[] {
  const out = [...argv];
  for (let i = 0; i < out.length; i++) {
    const arg = out[i] as string;
    if (arg === '--') break;
    if (arg === '--api-key' && i + 1 < out.length) {
      hiddenApiKey = out[i + 1];
      out[i + 1] = REDACTED;
      i++;
    } else if (arg.startsWith('--api-key=')) {
      hiddenApiKey = arg.slice('--api-key='.length);
      out[i] = `--api-key=${REDACTED}`;
    }
  }
  return out;
}

/** The real value of a parsed --api-key flag. */
export function revealApiKey(flagValue: string | undefined): string | undefined {
  return flagValue === REDACTED ? hiddenApiKey : flagValue;
}
