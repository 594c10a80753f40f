import { Help as OclifHelp } from '@oclif/core/help';
import type * as Interfaces from '@oclif/core/interfaces';

const BIN_TAG = '<%= config.bin %>';
const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&#34;',
  "'": '&#39;',
};

/**
 * oclif's help, unchanged in output. oclif passes every summary, description and example
 * through an ejs template (loading ejs and compiling a function per string: about 15 ms for the
 * root help). Strings with no tag come back as they are, and the one tag this CLI's texts hold,
 * `<%= config.bin %>`, is written as ejs writes it (HTML-escaped); anything else goes to ejs.
 */
export class Help extends OclifHelp {
  constructor(config: Interfaces.Config, options: Partial<Interfaces.HelpOptions> = {}) {
    super(config, options);
    const template = this.render;
    const bin = config.bin.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] as string);
    this.render = (text: string) => {
      if (!text.includes('<%')) return text;
      const filled = text.replaceAll(BIN_TAG, bin);
      return filled.includes('<%') ? template(text) : filled;
    };
  }
}
