import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { isHttpUrl } from '../../packages/webhooks/src/shared/http-url.js';
import { maskUserinfo, safeText } from '../../packages/webhooks/src/shared/text.js';
import { UsageError } from './errors.js';

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
    'Where listen keeps session journals and the callback token (default $XDG_STATE_HOME/salesloft-hooks or ~/.local/state/salesloft-hooks; %LOCALAPPDATA%\\salesloft-hooks\\State on Windows).',
  SALESLOFT_PROFILE:
    'The stored login (`salesloft-hooks login`) to use when no API key is given; --profile wins over it (default: the default profile).',
  SALESLOFT_HOOKS_CREDENTIAL_STORE:
    'Where `login` keeps keys: auto (the OS keychain, else a 0600 file), keyring, or file.',
  SALESLOFT_HOOKS_CONFIG_DIR:
    'Where logins (profiles) are kept (default $XDG_CONFIG_HOME/salesloft-hooks or ~/.config/salesloft-hooks; %APPDATA%\\salesloft-hooks on Windows).',
} as const;

export type Environment = Record<string, string | undefined>;

export interface ConfigSources {
  /** Values given as flags; `undefined` when the flag was not passed. */
  flags: { apiKey?: string | undefined; apiUrl?: string | undefined; profile?: string | undefined };
  env: Environment;
  /** Directory whose `.env` file is read (the working directory). */
  cwd: string;
}

export type ConfigSource = 'flag' | 'environment' | '.env' | 'profile' | 'default';

export interface ResolvedConfig {
  apiKey: string | undefined;
  apiUrl: string;
  /**
   * The stored login to take the key (and API URL) from when no key is given: --profile, else
   * SALESLOFT_PROFILE, else the default profile (named by the caller). Undefined when a key is given.
   */
  profile: { name: string; named: 'flag' | 'environment' } | undefined;
  /** A profile named although a key was given, which comes first: said, not used. */
  profileIgnored: string | undefined;
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
  const apiKey = nonEmpty(flags.apiKey) ?? pick('SALESLOFT_API_KEY');
  // The profile comes after every key source: flag, environment, .env, then --profile or SALESLOFT_PROFILE.
  const namedProfile = profileNamed(flags.profile, env);
  return {
    apiKey,
    profile: apiKey === undefined ? namedProfile : undefined,
    profileIgnored: apiKey !== undefined ? namedProfile?.name : undefined,
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
  return platformDir('state', env);
}

/**
 * The one rule for this CLI's folders on every platform: `$XDG_STATE_HOME` or `~/.local/state`,
 * `$XDG_CACHE_HOME` or `~/.cache` (Linux and macOS alike), `%LOCALAPPDATA%\\salesloft-hooks\\State`
 * and `...\\Cache` on Windows. SALESLOFT_HOOKS_STATE_DIR and SALESLOFT_HOOKS_CACHE_DIR override it.
 */
export function platformDir(
  kind: 'state' | 'cache',
  env: Environment = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  const home = nonEmpty(env.HOME) ?? homedir();
  if (platform === 'win32') {
    const base = nonEmpty(env.LOCALAPPDATA) ?? join(home, 'AppData', 'Local');
    return join(base, 'salesloft-hooks', kind === 'state' ? 'State' : 'Cache');
  }
  const xdg = nonEmpty(kind === 'state' ? env.XDG_STATE_HOME : env.XDG_CACHE_HOME);
  return join(xdg ?? join(home, ...(kind === 'state' ? ['.local', 'state'] : ['.cache'])), 'salesloft-hooks');
}

/** The login `--profile` names, else SALESLOFT_PROFILE (the default profile is the caller's to add). */
export function profileNamed(
  flag: string | undefined,
  env: Environment = process.env,
): { name: string; named: 'flag' | 'environment' } | undefined {
  const fromFlag = nonEmpty(flag);
  if (fromFlag !== undefined) return { name: fromFlag, named: 'flag' };
  const fromEnv = nonEmpty(env.SALESLOFT_PROFILE);
  return fromEnv === undefined ? undefined : { name: fromEnv, named: 'environment' };
}

/** Where logins (profiles, and keys kept in a file) go: SALESLOFT_HOOKS_CONFIG_DIR first. */
export function configDirectory(
  env: Environment = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  const given = nonEmpty(env.SALESLOFT_HOOKS_CONFIG_DIR);
  if (given !== undefined) return given;
  const home = nonEmpty(env.HOME) ?? homedir();
  if (platform === 'win32')
    return join(nonEmpty(env.APPDATA) ?? join(home, 'AppData', 'Roaming'), 'salesloft-hooks');
  return join(nonEmpty(env.XDG_CONFIG_HOME) ?? join(home, '.config'), 'salesloft-hooks');
}

/** SALESLOFT_HOOKS_CREDENTIAL_STORE: where `login` keeps a key (auto: the keychain, else a file). */
export function credentialStoreSetting(env: Environment = process.env): 'auto' | 'keyring' | 'file' {
  const value = nonEmpty(env.SALESLOFT_HOOKS_CREDENTIAL_STORE)?.trim().toLowerCase();
  if (value === undefined || value === 'auto') return 'auto';
  if (value === 'keyring' || value === 'file') return value;
  throw new UsageError(
    `SALESLOFT_HOOKS_CREDENTIAL_STORE is "${value}": use auto, keyring or file.`,
    'bad_credential_store',
  );
}

/** Where the code caches (and oclif's autocomplete scripts) go: SALESLOFT_HOOKS_CACHE_DIR first. */
export function cacheDirectory(
  env: Environment = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  return nonEmpty(env.SALESLOFT_HOOKS_CACHE_DIR) ?? platformDir('cache', env, platform);
}

/**
 * Whether this runs in CI: `CI` set to anything but `false` or `0`. Then nothing prompts, even on a
 * terminal (Buildkite and `docker run -t` allocate one), and no callback token is minted that would
 * die with the runner.
 */
export function inCi(env: Environment = process.env): boolean {
  const value = nonEmpty(env.CI)?.trim().toLowerCase();
  return value !== undefined && value !== 'false' && value !== '0';
}

/** SALESLOFT_HOOKS_DEBUG: stack traces, and a line per code-cache bundle. */
export function debugEnabled(env: Environment = process.env): boolean {
  return nonEmpty(env.SALESLOFT_HOOKS_DEBUG) !== undefined;
}

/** NO_COLOR (any value, even empty) or FORCE_COLOR=0/false: no colour whatever the terminal. */
export function colorRefused(env: Environment = process.env): boolean {
  return env.NO_COLOR !== undefined || env.FORCE_COLOR === '0' || env.FORCE_COLOR === 'false';
}

/** The proxy variables as undici's EnvHttpProxyAgent reads them (lower case first). */
export function proxyVariables(env: Environment = process.env): {
  http: string | undefined;
  https: string | undefined;
  noProxy: string;
} {
  return {
    http: env.http_proxy || env.HTTP_PROXY || undefined,
    https: env.https_proxy || env.HTTPS_PROXY || undefined,
    noProxy: env.no_proxy ?? env.NO_PROXY ?? '',
  };
}

/**
 * What is wrong with the proxy variables in effect, for a one-line error: undici's own message names
 * neither the variable nor its value. The value is shown without any credentials.
 */
export function proxyVariableProblem(env: Environment = process.env): string | undefined {
  const effective = [
    env.https_proxy ? 'https_proxy' : env.HTTPS_PROXY ? 'HTTPS_PROXY' : undefined,
    env.http_proxy ? 'http_proxy' : env.HTTP_PROXY ? 'HTTP_PROXY' : undefined,
  ];
  for (const name of effective) {
    const value = name === undefined ? undefined : env[name];
    if (name === undefined || value === undefined || isHttpUrl(value)) continue;
    const shown = maskUserinfo(value).replace(/^[^/?#]*@/, '***@');
    return `${name} is not a URL (http://host:port): "${safeText(shown, 200)}".`;
  }
  return undefined;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}
