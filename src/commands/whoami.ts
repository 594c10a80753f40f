import type { Team } from '../../packages/webhooks/src/salesloft/types.js';
import { safeText } from '../../packages/webhooks/src/shared/text.js';
import { ApiCommand } from '../cli/base-command.js';
import type { ConfigSource } from '../shared/config.js';
import { ApiError } from '../shared/errors.js';

export interface WhoamiJson {
  team: Team | null;
  user: { id: number; guid: string | null; name: string | null; email: string | null };
  api_url: string;
  profile: string | null;
  /** Where the key came from: --api-key, the environment, .env, or a profile's store. */
  key_from: Exclude<ConfigSource, 'default' | 'profile'> | 'keyring' | 'file';
}

export default class Whoami extends ApiCommand<WhoamiJson> {
  static override summary = 'Say which team, user and API the key in use acts for, and where the key lives.';
  static override examples = [
    '<%= config.bin %> whoami',
    '<%= config.bin %> whoami --profile acme-eu --json',
  ];

  async run(): Promise<WhoamiJson> {
    const { flags } = await this.parse(Whoami);
    const settings = await this.apiSettings(flags);
    const api = await this.salesloft(flags);
    const keyFrom: WhoamiJson['key_from'] =
      settings.login?.store ?? (settings.sources.apiKey as Exclude<ConfigSource, 'default' | 'profile'>);
    const where = {
      flag: 'the --api-key flag',
      environment: 'SALESLOFT_API_KEY',
      '.env': settings.dotEnvFile,
      keyring: `the OS keychain (profile ${settings.login?.profile})`,
      file: `the credentials file (profile ${settings.login?.profile})`,
    }[keyFrom];
    let user: WhoamiJson['user'];
    try {
      user = await api.me();
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        throw new ApiError(
          401,
          `${error.message}. The key from ${where} is refused: ${settings.login ? `log in again (salesloft-hooks login --profile ${settings.login.profile})` : 'check it, or log in (salesloft-hooks login)'}.`,
        );
      }
      throw error;
    }
    const team = await this.teamOf(api);
    const result: WhoamiJson = {
      team,
      user: { id: user.id, guid: user.guid, name: user.name, email: user.email },
      api_url: settings.apiUrl,
      profile: settings.login?.profile ?? null,
      key_from: keyFrom,
    };
    if (!this.jsonEnabled()) {
      const lines = [
        ['Team', team ? `${safeText(team.name, 80)} (id ${team.id})` : 'unknown (GET /v2/team did not say)'],
        ['User', `${safeText(user.name ?? '-', 80)}${user.email ? ` <${safeText(user.email, 120)}>` : ''}`],
        ['API', safeText(settings.apiUrl)],
        ['Profile', settings.login ? safeText(settings.login.profile) : 'none'],
        ['Key from', safeText(where)],
      ];
      for (const [label, value] of lines) this.log(`${`${label}:`.padEnd(10)}${value}`);
    }
    return result;
  }
}
