import * as Flags from '@oclif/core/flags';
import { safeText } from '../../packages/webhooks/src/shared/text.js';
import { BaseCommand } from '../cli/base-command.js';
import { configDirectory, profileNamed } from '../shared/config.js';
import { UsageError } from '../shared/errors.js';

export interface LogoutJson {
  profile: string;
  store: 'keyring' | 'file';
  default_now: string | null;
}

export default class Logout extends BaseCommand<LogoutJson> {
  static override summary = 'Forget a stored login: its key (from the OS keychain too) and its profile.';
  static override examples = ['<%= config.bin %> logout', '<%= config.bin %> logout --profile acme-eu'];
  static override flags = {
    profile: Flags.string({
      description: 'the profile to forget [env: SALESLOFT_PROFILE] (default: the default profile)',
    }),
  };

  async run(): Promise<LogoutJson> {
    const { flags } = await this.parse(Logout);
    const configDir = configDirectory();
    const [{ readProfiles }, { logout }] = await Promise.all([
      import('../credentials/profiles.js'),
      import('../credentials/login.js'),
    ]);
    const name = profileNamed(flags.profile)?.name ?? (await readProfiles(configDir)).default;
    if (!name)
      throw new UsageError(
        'No default profile to log out of: pass --profile NAME (`login --list`).',
        'unknown_profile',
      );
    const result = await logout(configDir, name);
    if (!this.jsonEnabled()) {
      this.log(
        `Logged out of ${safeText(name)}: its key is gone from ${result.store === 'keyring' ? 'the OS keychain' : 'the credentials file'}.`,
      );
      if (result.default_now === null)
        this.note('There is no default profile now (`login --switch NAME` sets one).');
    }
    return result;
  }
}
