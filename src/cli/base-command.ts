import { Command } from '@oclif/core/command';
import * as Flags from '@oclif/core/flags';
import type * as Interfaces from '@oclif/core/interfaces';
import chalk, { type ChalkInstance } from 'chalk';
import type { Team } from '../../packages/webhooks/src/salesloft/types.js';
import { maskToken, safeText } from '../../packages/webhooks/src/shared/text.js';
import { editDistance, nearest } from '../catalog/typos.js';
import type { StoreKind } from '../credentials/profiles.js';
import type { AccessTokenSource, SalesloftClient } from '../salesloft/client.js';
import { checkApiTarget } from '../shared/api-target.js';
import {
  cacheDirectory,
  configDirectory,
  debugEnabled,
  inCi,
  type ResolvedConfig,
  resolveConfig,
} from '../shared/config.js';
import { describeError, type Outcome, UsageError } from '../shared/errors.js';
import { readInputFile } from '../shared/input-file.js';
import { type CallbackToken, callbackToken, tokenFromFile } from '../subscriptions/tokens.js';
import { revealSecret } from './argv-secrets.js';
import { colorEnabled, paletteFor, requireInteractive } from './terminal.js';

/** The parsed values of the API flags, as the settings take them (written once). */
export interface ApiFlagValues {
  'api-key'?: string | undefined;
  'api-url'?: string | undefined;
  profile?: string | undefined;
}

/** Settings of a command that calls the API: a key, and the stored login it came from, if one. */
export type ApiSettings = ResolvedConfig & {
  apiKey: string;
  /** What names this credential across time (the key, or the OAuth client at its API): journals record its SHA-256. */
  credentialId: string;
  login?: { profile: string; store: StoreKind };
  /** An OAuth login's access tokens, refreshed as they expire. */
  token?: AccessTokenSource;
};

/** Flags of every command that talks to the Salesloft API. */
export const apiFlags = {
  'api-key': Flags.string({
    description: 'Salesloft API key or OAuth access token [env: SALESLOFT_API_KEY]',
    helpGroup: 'API',
  }),
  'api-url': Flags.string({
    description: 'Salesloft API base URL [env: SALESLOFT_API_URL, default: https://api.salesloft.com]',
    helpGroup: 'API',
  }),
  profile: Flags.string({
    description:
      'the stored login to use when no API key is given [env: SALESLOFT_PROFILE] (default: the default profile; see `login`)',
    helpGroup: 'API',
  }),
};

/**
 * Shared behaviour of every command: `--json`, configuration resolution, colour, stderr
 * messages, and the single mapping from thrown errors to the contract's exit codes.
 */
export abstract class BaseCommand<Result = unknown> extends Command {
  /** The command's result, which is its `--json` document. */
  abstract override run(): Promise<Result>;

  static override enableJsonFlag = true;

  /** Colours for stdout and stderr, decided per stream. */
  protected out: ChalkInstance = paletteFor(process.stdout);
  protected err: ChalkInstance = paletteFor(process.stderr);

  override async init(): Promise<void> {
    await super.init();
    if (!colorEnabled(process.env, process.stdout.isTTY)) chalk.level = 0;
  }

  /** Flag > environment > `.env` in the working directory > default. */
  protected resolveSettings(flags: ApiFlagValues): ResolvedConfig {
    const settings = resolveConfig({
      flags: { apiKey: revealSecret(flags['api-key']), apiUrl: flags['api-url'], profile: flags.profile },
      env: process.env,
      cwd: process.cwd(),
    });
    if (settings.ignoredFromDotEnv.length > 0 && !this.dotEnvNoted) {
      this.dotEnvNoted = true;
      this.warning(
        `Ignoring ${settings.ignoredFromDotEnv.join(', ')} from ${settings.dotEnvFile}: a .env may set ${settings.ignoredFromDotEnv.length === 1 ? 'it' : 'them'} only beside the API key it also sets (export ${settings.ignoredFromDotEnv.length === 1 ? 'it' : 'them'} to use another value).`,
      );
    }
    return settings;
  }

  private dotEnvNoted = false;

  private apiSettingsLoaded: Promise<ApiSettings> | undefined;

  /**
   * Settings for a command that calls the API (read once per command): the key from --api-key,
   * SALESLOFT_API_KEY or .env, else from the stored login --profile or SALESLOFT_PROFILE names, else
   * from the default login. Fails with exit 2 when there is no key.
   */
  protected apiSettings(flags: ApiFlagValues): Promise<ApiSettings> {
    this.apiSettingsLoaded ??= this.loadApiSettings(flags);
    return this.apiSettingsLoaded;
  }

  private async loadApiSettings(flags: ApiFlagValues): Promise<ApiSettings> {
    const settings = this.resolveSettings(flags);
    if (settings.profileIgnored !== undefined) {
      this.warning(
        `Not using profile "${settings.profileIgnored}": the API key from ${settings.sources.apiKey === 'flag' ? '--api-key' : settings.sources.apiKey === '.env' ? settings.dotEnvFile : 'SALESLOFT_API_KEY'} comes first.`,
      );
    }
    let checked: ApiSettings | undefined;
    if (settings.apiKey) {
      checked = { ...settings, apiKey: settings.apiKey, credentialId: settings.apiKey };
    } else {
      const { storedCredential } = await import('../credentials/resolve.js');
      const stored = await storedCredential(configDirectory(), settings.profile?.name);
      if (stored) {
        const urlFromProfile = settings.sources.apiUrl === 'default';
        checked = {
          ...settings,
          apiKey: stored.apiKey,
          apiUrl: urlFromProfile ? stored.apiUrl : settings.apiUrl,
          sources: {
            ...settings.sources,
            apiKey: 'profile',
            apiUrl: urlFromProfile ? 'profile' : settings.sources.apiUrl,
          },
          login: { profile: stored.profile, store: stored.store },
          credentialId: stored.identity,
          ...(stored.token ? { token: stored.token } : {}),
        };
      }
    }
    if (!checked) {
      throw new UsageError(
        'No Salesloft API key: run `salesloft-hooks login`, pass --api-key or set SALESLOFT_API_KEY (in the environment or .env). Without an account, try `salesloft-hooks listen --emulator`, or run `salesloft-hooks emulator` and follow what it prints.',
        'missing_api_key',
      );
    }
    checkApiTarget(checked);
    return checked;
  }

  /**
   * The callback token for signing or subscribing: --token (or --token-file), else
   * SALESLOFT_CALLBACK_TOKEN, else the one stored in the state directory (created on first use,
   * unless `readOnly`).
   */
  protected async callbackToken(
    flags: { token?: string | undefined; 'token-file'?: string | undefined },
    settings: ResolvedConfig,
    options: { renew?: boolean; readOnly?: boolean; subscribes?: 'remote' | 'local' } = {},
  ): Promise<CallbackToken> {
    return callbackToken({
      flag: await this.givenToken(flags),
      env: settings.callbackToken,
      envSource: settings.sources.callbackToken === '.env' ? '.env' : 'environment',
      stateDir: settings.stateDir,
      apiUrl: settings.apiUrl,
      renew: options.renew ?? false,
      readOnly: options.readOnly ?? false,
      // A token minted on a CI runner dies with it, while the subscriptions it signs live on in
      // Salesloft (an emulator's die too: no harm there).
      ...(options.subscribes === 'remote' && inCi()
        ? {
            refuseToMint:
              'CI is set and no callback token is given: one made here would die with the runner while its subscriptions live on. Pass --token or --token-file, or set SALESLOFT_CALLBACK_TOKEN (from your CI secrets).',
          }
        : {}),
    });
  }

  /** The token passed with --token or --token-file (its first line, without a BOM or trailing whitespace), if any. */
  protected async givenToken(flags: {
    token?: string | undefined;
    'token-file'?: string | undefined;
  }): Promise<string | undefined> {
    if (flags['token-file'] === undefined) return revealSecret(flags.token);
    const text = (await readInputFile(flags['token-file'], '--token-file')).toString('utf8');
    return tokenFromFile(text, `--token-file ${flags['token-file']}`);
  }

  /** Says which stored token signs (a new one in full, once; a stored one masked); a given one needs no word. */
  protected noteSigningToken(choice: CallbackToken): void {
    if (choice.source === 'created') {
      this.note(`Signing with a new callback token, stored in the state directory: ${choice.token}`);
    } else if (choice.source === 'stored') {
      this.note(
        this.err.dim(
          `Signing with the state directory's callback token (${maskToken(choice.token)}; \`listen --print-token\` prints it).`,
        ),
      );
    }
  }

  private readonly cleanups: (() => Promise<void>)[] = [];

  /** An API client for the resolved settings (the HTTP client is loaded here, not at start-up); closed after the command. */
  protected async salesloft(flags: ApiFlagValues): Promise<SalesloftClient> {
    const settings = await this.apiSettings(flags);
    return this.clientFor(settings.apiUrl, settings.apiKey, settings.token);
  }

  /** An API client for this URL and key (or OAuth token source), closed after the command. */
  protected async clientFor(
    apiUrl: string,
    apiKey: string,
    token?: AccessTokenSource,
  ): Promise<SalesloftClient> {
    const { SalesloftClient } = await import('../salesloft/client.js');
    const client = new SalesloftClient({
      baseUrl: apiUrl,
      apiKey,
      ...(token ? { token } : {}),
      userAgent: `salesloft-hooks/${this.config.version}`,
      notify: (message) => this.note(message),
    });
    this.onCleanup(() => client.close());
    return client;
  }

  private teamLookup: Promise<Team | null> | undefined;

  /**
   * The team the command's key acts for: remembered per credential and API for a day (the cache
   * folder), else asked of `GET /v2/team` once, after the command's first request (so a wrong API
   * URL or key fails there first, and the one connection is reused). Null when Salesloft does not
   * say: a command then goes on as before.
   */
  protected teamOf(api: Pick<SalesloftClient, 'team'>): Promise<Team | null> {
    this.teamLookup ??= this.lookUpTeam(api);
    return this.teamLookup;
  }

  private async lookUpTeam(api: Pick<SalesloftClient, 'team'>): Promise<Team | null> {
    const settings = this.apiSettingsLoaded && (await this.apiSettingsLoaded.catch(() => undefined));
    const { cachedTeam, rememberTeam } = await import('../salesloft/team-cache.js');
    const cache = settings && ([cacheDirectory(), settings.apiUrl, settings.credentialId] as const);
    const known = cache && cachedTeam(...cache);
    if (known) return known;
    const team = await api.team().catch(() => null);
    if (team && cache) rememberTeam(...cache, team);
    return team;
  }

  /**
   * Names the team a command acts on, on stderr (in human mode, or `always`: list's --json is an
   * array with no room for it); `--json` results carry it as `team`.
   */
  protected async sayTeam(api: Pick<SalesloftClient, 'team'>, always = false): Promise<Team | null> {
    const team = await this.teamOf(api);
    if (team && (always || !this.jsonEnabled())) {
      this.note(this.err.dim(`Team: ${safeText(team.name, 80)} (id ${team.id})`));
    }
    return team;
  }

  protected onCleanup(cleanup: () => Promise<void>): void {
    this.cleanups.push(cleanup);
  }

  override async finally(error: Error | undefined): Promise<void> {
    await Promise.allSettled(this.cleanups.splice(0).map((cleanup) => cleanup()));
    await super.finally(error);
  }

  /** A progress or warning line: always stderr, so stdout stays clean for `--json`. */
  protected note(message: string): void {
    process.stderr.write(`${message}\n`);
  }

  /**
   * The one place a command's outcome becomes its exit code and JSON document: a partial failure
   * adds `error: {code, message}` to the result and prints the error line in human mode (or
   * `humanLines`, one per failure, where that reads better).
   */
  protected finish<T extends object>(
    { result, problem }: Outcome<T>,
    humanLines?: string[],
  ): T | (T & { error: { code: string; message: string } }) {
    if (!problem) return result;
    this.setExitCode(problem.exitCode);
    if (!this.jsonEnabled()) for (const line of humanLines ?? [problem.message]) this.errorLine(line);
    return { ...result, error: { code: problem.code, message: problem.message } };
  }

  /** An error line that does not end the command (a partial failure); escaped like every error. */
  protected errorLine(message: string): void {
    this.note(`${this.err.red('Error:')} ${safeText(message)}`);
  }

  /** A warning line; its text may hold outside data, so it is escaped for the terminal. */
  protected warning(message: string): void {
    this.note(`${this.err.yellow('Warning:')} ${safeText(message)}`);
  }

  /**
   * True when the user agrees (or passed --yes). Without a terminal and without --yes it fails
   * with exit 2 naming --yes; the prompt draws on stderr so stdout stays clean.
   */
  protected async confirmed(question: string, yes: boolean, what = 'Confirming'): Promise<boolean> {
    if (yes) return true;
    requireInteractive(what, '--yes');
    const { confirm } = await import('./prompts.js');
    return confirm(question);
  }

  /** For a negative answer that is not an error (`verify` invalid, `sync --check` drift). */
  protected setExitCode(code: number): void {
    process.exitCode = code;
  }

  /** ` (did you mean --event?)` for an unknown flag close to one of this command's flags. */
  private flagSuggestion(error: unknown): string {
    const unknown = (error as { flags?: unknown }).flags;
    if (!Array.isArray(unknown) || typeof unknown[0] !== 'string') return '';
    const given = unknown[0].replace(/^-+/, '').split('=')[0] ?? '';
    const names = Object.keys({ ...this.ctor.baseFlags, ...this.ctor.flags });
    const [closest] = nearest(given, names, 1);
    if (closest === undefined) return '';
    const close = editDistance(given, closest) <= 3 || closest.startsWith(given);
    return close ? ` (did you mean --${closest}?)` : '';
  }

  /** The one place that turns an error into output and an exit code, in both modes. */
  override async catch(error: Interfaces.CommandError): Promise<void> {
    const { code, exitCode } = describeError(error);
    const message = describeError(error).message + this.flagSuggestion(error);
    process.exitCode = exitCode;
    // A parse error is not a forgotten `this.parse`: keep oclif from warning about it outside production.
    this.parsed = true;
    if (this.jsonEnabled()) {
      this.logJson({ error: { code, message } });
    } else if (code === 'cancelled') {
      process.stderr.write(`${message}\n`);
    } else {
      // Messages may quote the server or the user's files: escaped for the terminal, exact in JSON.
      this.errorLine(message);
    }
    if (debugEnabled() && error instanceof Error && error.stack) {
      process.stderr.write(`${error.stack}\n`);
    }
  }
}

/** A command that calls the Salesloft API: --api-key and --api-url come through `baseFlags`. */
export abstract class ApiCommand<Result = unknown> extends BaseCommand<Result> {
  static override baseFlags = { ...BaseCommand.baseFlags, ...apiFlags };
}
