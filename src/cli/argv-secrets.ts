/**
 * oclif prints the command line under DEBUG=*, so secrets must not be in it: bin/run.js swaps
 * the values of --api-key and --token for placeholders before oclif sees argv, and commands
 * swap them back with `revealSecret` where they read those flags.
 */
const SECRET_FLAGS = ['--api-key', '--token'];
const PLACEHOLDER = /^<redacted:(\d+)>$/;

const hidden: string[] = [];

function placeholder(value: string): string {
  hidden.push(value);
  return `<redacted:${hidden.length - 1}>`;
}

export function hideSecrets(argv: readonly string[]): string[] {
  const out = [...argv];
  for (let i = 0; i < out.length; i++) {
    const arg = out[i] as string;
    if (arg === '--') break;
    if (SECRET_FLAGS.includes(arg) && i + 1 < out.length) {
      out[i + 1] = placeholder(out[i + 1] as string);
      i++;
      continue;
    }
    const flag = SECRET_FLAGS.find((name) => arg.startsWith(`${name}=`));
    if (flag) out[i] = `${flag}=${placeholder(arg.slice(flag.length + 1))}`;
  }
  return out;
}

/** The real value of a parsed secret flag (unchanged when it was not hidden). */
export function revealSecret<T extends string | undefined>(flagValue: T): T {
  const index = flagValue === undefined ? undefined : PLACEHOLDER.exec(flagValue)?.[1];
  return (index === undefined ? flagValue : hidden[Number(index)]) as T;
}
