import { Help as OclifHelp } from '@oclif/core/help';
import type * as Interfaces from '@oclif/core/interfaces';

/**
 * oclif's help, unchanged in output. oclif passes every summary, description and example
 * through an ejs template (a compiled function per string, about 15 ms for the root help);
 * only strings that hold a template tag (`<%= config.bin %>`) need it.
 */
export class Help extends OclifHelp {
  constructor(config: Interfaces.Config, options: Partial<Interfaces.HelpOptions> = {}) {
    super(config, options);
    const template = this.render;
    this.render = (text: string) => (text.includes('<%') ? template(text) : text);
  }
}
