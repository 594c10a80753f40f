import * as Flags from '@oclif/core/flags';
import { safeText } from '../../packages/webhooks/src/shared/text.js';
import { BaseCommand } from '../cli/base-command.js';
import { requireInteractive } from '../cli/terminal.js';
import type { LoginResult } from '../credentials/login.js';
import type { ProfilesFile } from '../credentials/profiles.js';
import { checkApiTarget } from '../shared/api-target.js';
import { configDirectory } from '../shared/config.js';
import { UsageError } from '../shared/errors.js';
import { readInputFile } from '../shared/input-file.js';

export type LoginJson =
  | LoginResult
  | {
      default: string | null;
      profiles: (ProfilesFile['profiles'][string] & { name: string; default: boolean })[];
    }
  | { default: string };

export default class Login extends BaseCommand<LoginJson> {
  static override summary = 'Store a Salesloft API key for this machine, named after its team.';
  static override description =
    `Reads the key at a masked prompt, or from standard input with --with-token (never
from a flag's value), checks it with GET /v2/me and /v2/team, and keeps it in the OS keychain (or,
where there is none, a 0600 file) under a profile named after the team, which becomes the default.
Commands use it when no --api-key, SALESLOFT_API_KEY or .env key is given (--profile picks another).`;
  static override examples = [
    '<%= config.bin %> login',
    'printf %s "$SALESLOFT_KEY" | <%= config.bin %> login --with-token --profile acme-eu',
    '<%= config.bin %> login --list',
    '<%= config.bin %> login --switch acme-us',
    'printf %s "$CLIENT_SECRET" | <%= config.bin %> login --oauth --client-id "$CLIENT_ID" --client-secret-stdin',
  ];

  static override flags = {
    'with-token': Flags.boolean({ description: 'read the API key from standard input' }),
    profile: Flags.string({ description: 'name of the profile (default: the team’s name)' }),
    'api-url': Flags.string({
      description: 'Salesloft API base URL [env: SALESLOFT_API_URL, default: https://api.salesloft.com]',
    }),
    list: Flags.boolean({
      description: 'list the stored profiles, the default marked',
      exclusive: ['switch', 'with-token'],
    }),
    switch: Flags.string({ description: 'make this profile the default', exclusive: ['list', 'with-token'] }),
    oauth: Flags.boolean({
      description: 'log in through your own OAuth application (authorization code, loopback redirect)',
      exclusive: ['with-token', 'list', 'switch'],
      dependsOn: ['client-id'],
    }),
    'client-id': Flags.string({ description: 'your OAuth application’s client id', dependsOn: ['oauth'] }),
    'redirect-port': Flags.integer({
      description:
        'with --oauth: the loopback port Salesloft redirects back to; register http://127.0.0.1:PORT/callback with your application (0: any free port)',
      default: 8976,
      min: 0,
      max: 65535,
    }),
    'client-secret-stdin': Flags.boolean({
      description: 'read the client secret from standard input (default: a masked prompt)',
      dependsOn: ['oauth'],
    }),
  };

  async run(): Promise<LoginJson> {
    const { flags } = await this.parse(Login);
    const configDir = configDirectory();
    const profiles = await import('../credentials/profiles.js');
    if (flags.list) {
      const file = await profiles.readProfiles(configDir);
      const rows = Object.entries(file.profiles).map(([name, profile]) => ({
        name,
        default: name === file.default,
        ...profile,
      }));
      if (!this.jsonEnabled()) this.log(listLines(rows));
      return { default: file.default, profiles: rows };
    }
    if (flags.switch !== undefined) {
      const file = await profiles.readProfiles(configDir);
      profiles.requireProfile(file, flags.switch);
      file.default = flags.switch;
      await profiles.writeProfiles(configDir, file);
      if (!this.jsonEnabled()) this.log(`Default profile: ${safeText(flags.switch)}`);
      return { default: flags.switch };
    }
    const name = flags.profile === undefined ? undefined : profiles.checkProfileName(flags.profile);
    const settings = this.resolveSettings({ 'api-url': flags['api-url'] });
    const oauth = flags.oauth
      ? await this.authorize(
          flags['client-id'] ?? '',
          flags['client-secret-stdin'],
          settings.apiUrl,
          flags['redirect-port'],
        )
      : undefined;
    const apiKey = oauth ? oauth.secret.access_token : await this.readKey(flags['with-token']);
    checkApiTarget({ ...settings, apiKey, sources: { ...settings.sources, apiKey: 'flag' } });
    const api = await this.clientFor(settings.apiUrl, apiKey);
    const { loginWithKey } = await import('../credentials/login.js');
    const result = await loginWithKey({
      api,
      apiKey,
      apiUrl: settings.apiUrl,
      configDir,
      profile: name,
      ...(oauth ? { secret: JSON.stringify(oauth.secret), oauth: oauth.application } : {}),
    });
    if (result.fallback) {
      this.note(
        this.err.yellow(
          `No OS keychain here (${safeText(result.fallback, 160)}): the key is kept in ${configDir}/credentials.json, readable by you only.`,
        ),
      );
    }
    const { fallback: _fallback, ...shown } = result;
    if (!this.jsonEnabled()) {
      const team = result.team
        ? `team "${safeText(result.team.name, 80)}" (id ${result.team.id})`
        : 'a team Salesloft did not name';
      const who = result.user.name ? ` as ${safeText(result.user.name, 80)}` : '';
      this.log(`Logged in to ${team}${who} at ${safeText(result.api_url)}.`);
      this.log(
        `Profile ${safeText(result.profile)} (now the default), its ${oauth ? 'tokens' : 'key'} in ${result.store === 'keyring' ? 'the OS keychain' : 'the credentials file'}.`,
      );
    }
    return shown;
  }

  /**
   * An OAuth login: the client secret (stdin or a masked prompt), the user's approval in a browser
   * (the URL is printed; Salesloft redirects back to a loopback port), then the code for tokens.
   */
  private async authorize(clientId: string, secretFromStdin: boolean, apiUrl: string, port: number) {
    let clientSecret: string;
    if (secretFromStdin) {
      clientSecret =
        (await readInputFile('-', '--client-secret-stdin')).toString('utf8').split(/\r?\n/)[0]?.trim() ?? '';
    } else {
      requireInteractive('Reading the client secret', '--client-secret-stdin (pipe it on standard input)');
      const { askSecret } = await import('../cli/prompts.js');
      clientSecret = await askSecret('OAuth client secret:');
    }
    if (clientSecret === '') throw new UsageError('No client secret was given.', 'missing_client_secret');
    const { oauthTokens } = await import('../credentials/oauth.js');
    return oauthTokens({
      apiUrl,
      clientId,
      clientSecret,
      port,
      timeoutMs: 300_000,
      show: (url) => {
        this.note(`Open this URL in a browser and authorize the application (waiting up to 5 minutes):`);
        this.note(`  ${safeText(url)}`);
      },
    });
  }

  /** The key from standard input (--with-token) or a masked prompt; never from a flag's value. */
  private async readKey(withToken: boolean): Promise<string> {
    let key: string;
    if (withToken) {
      key = (await readInputFile('-', '--with-token')).toString('utf8').split(/\r?\n/)[0]?.trim() ?? '';
    } else {
      requireInteractive('Reading the API key', '--with-token (pipe the key on standard input)');
      const { askSecret } = await import('../cli/prompts.js');
      key = await askSecret('Salesloft API key (Your Applications → API Keys):');
    }
    if (key === '') throw new UsageError('No API key was given.', 'missing_api_key');
    return key;
  }
}

function listLines(
  rows: {
    name: string;
    default: boolean;
    team: { id: number; name: string } | null;
    api_url: string;
    store: string;
  }[],
): string {
  if (rows.length === 0) return 'No profiles yet: run `salesloft-hooks login`.';
  return rows
    .map((row) =>
      [
        row.default ? '*' : ' ',
        safeText(row.name, 64),
        row.team ? `${safeText(row.team.name, 60)} (id ${row.team.id})` : '-',
        safeText(row.api_url),
        row.store === 'keyring' ? 'OS keychain' : 'credentials file',
      ].join('  '),
    )
    .join('\n');
}
