import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseEnv } from 'node:util';

export const DEFAULT_API_URL = 'https://api.salesloft.com';

/** Environment variables of the contract, with what each is for (also the source of .env.example). */
export const ENV_VARS = {
  SALESLOFT_API_KEY: 'Salesloft API key (ak_...) or OAuth access token, sent as a Bearer token.',
  SALESLOFT_API_URL: `Salesloft API base URL (default ${DEFAULT_API_URL}); point it at \`salesloft-hooks emulator\` to work offline.`,
  NGROK_AUTHTOKEN:
    'ngrok authtoken used by `listen --tunnel ngrok` (https://dashboard.ngrok.com/get-started/your-authtoken).',
  SALESLOFT_CALLBACK_TOKEN:
    'Callback token for listen, subscribe, trigger, replay, verify and doctor (default: the one stored in the state directory; see `listen --print-token`).',
  SALESLOFT_HOOKS_STATE_DIR:
    'Where listen keeps session journals (default $XDG_STATE_HOME/salesloft-hooks or ~/.local/state/salesloft-hooks).',
} as const;

export type Environment = Record<string, string | undefined>;

export interface ConfigSources {
  /** Values given as flags; `undefined` when the flag was not passed. */
  flags: { apiKey?: string | undefined; apiUrl?: string | undefined };
  env: Environment;
  /** Directory whose `.env` file is read (the working directory). */
  cwd: string;
}

export type ConfigSource = 'flag' | 'environment' | '.env' | 'default';

export interface ResolvedConfig {
  apiKey: string | undefined;
  apiUrl: string;
  /** Where the API key and URL came from: a URL from a `.env` may only meet a key from it. */
  sources: { apiKey: ConfigSource; apiUrl: ConfigSource; callbackToken: ConfigSource };
  /** The `.env` file that was read (whether or not it exists). */
  dotEnvFile: string;
  ngrokAuthtoken: string | undefined;
  /** NGROK_SERVER_ADDR: ngrok's server_addr, for a regional or self-hosted ngrok server. */
  ngrokServerAddr: string | undefined;
  callbackToken: string | undefined;
  stateDir: string;
  /**
   * Variables a `.env` set but that were not used: where prune looks, the callback token and ngrok
   * settings steer what is deleted and who can sign, so a cloned repository's `.env` may set them
   * only beside the API key it also sets (the rule the API URL follows).
   */
  ignoredFromDotEnv: string[];
}

/** Settings a `.env` may give only together with the API key (see `ignoredFromDotEnv`). */
const KEY_BOUND = [
  'SALESLOFT_HOOKS_STATE_DIR',
  'SALESLOFT_CALLBACK_TOKEN',
  'NGROK_AUTHTOKEN',
  'NGROK_SERVER_ADDR',
];

/** Reads `.env` in `cwd`; a missing file is an empty one. */
export function readDotEnv(cwd: string): Environment {
  let text: string;
  try {
    text = readFileSync(join(cwd, '.env'), 'utf8');
  } catch {
    return {};
  }
  return parseEnv(text);
}

/**
 * The one precedence rule for variables: the environment, else `.env` in `cwd` (an empty value
 * counts as unset). Used for the contract's settings and for a sync file's `token_env`.
 */
export function variableLookup(
  env: Environment,
  cwd: string,
  dotEnv: Environment = readDotEnv(cwd),
): (name: string) => string | undefined {
  return (name) => nonEmpty(env[name]) ?? nonEmpty(dotEnv[name]);
}

/** Strongest first: flag, environment variable, `.env` in the working directory, default. */
export function resolveConfig({ flags, env, cwd }: ConfigSources): ResolvedConfig {
  const dotEnv = readDotEnv(cwd);
  const source = (flag: string | undefined, name: keyof typeof ENV_VARS): ConfigSource =>
    nonEmpty(flag) !== undefined
      ? 'flag'
      : nonEmpty(env[name]) !== undefined
        ? 'environment'
        : nonEmpty(dotEnv[name]) !== undefined
          ? '.env'
          : 'default';
  const keySource = source(flags.apiKey, 'SALESLOFT_API_KEY');
  const ignoredFromDotEnv = KEY_BOUND.filter(
    (name) =>
      keySource !== '.env' && nonEmpty(env[name]) === undefined && nonEmpty(dotEnv[name]) !== undefined,
  );
  const trusted = Object.fromEntries(
    Object.entries(dotEnv).filter(([name]) => !ignoredFromDotEnv.includes(name)),
  );
  const pick = variableLookup(env, cwd, trusted);
  return {
    apiKey: nonEmpty(flags.apiKey) ?? pick('SALESLOFT_API_KEY'),
    apiUrl: (nonEmpty(flags.apiUrl) ?? pick('SALESLOFT_API_URL') ?? DEFAULT_API_URL).replace(/\/+$/, ''),
    sources: {
      apiKey: keySource,
      apiUrl: source(flags.apiUrl, 'SALESLOFT_API_URL'),
      callbackToken: ignoredFromDotEnv.includes('SALESLOFT_CALLBACK_TOKEN')
        ? 'default'
        : source(undefined, 'SALESLOFT_CALLBACK_TOKEN'),
    },
    dotEnvFile: join(cwd, '.env'),
    ngrokAuthtoken: pick('NGROK_AUTHTOKEN'),
    ngrokServerAddr: pick('NGROK_SERVER_ADDR'),
    callbackToken: pick('SALESLOFT_CALLBACK_TOKEN'),
    stateDir: pick('SALESLOFT_HOOKS_STATE_DIR') ?? defaultStateDir(env),
    ignoredFromDotEnv,
  };
}

function defaultStateDir(env: Environment): string {
  const xdg = nonEmpty(env.XDG_STATE_HOME);
  return xdg
    ? join(xdg, 'salesloft-hooks')
    : join(env.HOME ?? homedir(), '.local', 'state', 'salesloft-hooks');
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}
