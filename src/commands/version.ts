import { Command } from '@oclif/core/command';

export default class Version extends Command {
  static override summary = 'Print the version (same as --version and -v).';

  async run(): Promise<void> {
    await this.parse(Version);
    this.log(this.config.userAgent);
  }
}
