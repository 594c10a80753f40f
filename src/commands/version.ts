import { BaseCommand } from '../cli/base-command.js';

export interface VersionResult {
  name: string;
  version: string;
  node: string;
  platform: string;
  arch: string;
}

export default class Version extends BaseCommand<VersionResult> {
  static override summary = 'Print the version (same as --version and -v).';
  static override examples = ['<%= config.bin %> version', '<%= config.bin %> version --json'];

  async run(): Promise<VersionResult> {
    await this.parse(Version);
    if (!this.jsonEnabled()) this.log(this.config.userAgent);
    return {
      name: this.config.name,
      version: this.config.version,
      node: process.versions.node,
      platform: process.platform,
      arch: process.arch,
    };
  }
}
