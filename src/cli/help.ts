import type * as Command from '@oclif/core/command';
import { CommandHelp as OclifCommandHelp, Help as OclifHelp } from '@oclif/core/help';
import type * as Interfaces from '@oclif/core/interfaces';
import { wrapPlain } from './wrap-plain.js';

const BIN_TAG = '<%= config.bin %>';
const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&#34;',
  "'": '&#39;',
};

/**
 * oclif passes every summary, description and example through an ejs template (loading ejs
 * and compiling a function per string: about 15 ms for the root help). Strings with no tag come
 * back as they are, and the one tag this CLI's texts hold, `<%= config.bin %>`, is written as
 * ejs writes it (HTML-escaped); anything else goes to ejs.
 */
function fastRender(config: Interfaces.Config, render: (text: string) => string): (text: string) => string {
  const bin = config.bin.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] as string);
  return (text) => {
    if (!text.includes('<%')) return text;
    const filled = text.replaceAll(BIN_TAG, bin);
    return filled.includes('<%') ? render(text) : filled;
  };
}

/** oclif's help, unchanged in output: rendered and wrapped without ejs and wrap-ansi where they change nothing. */
export class Help extends OclifHelp {
  protected override CommandHelpClass = CommandHelp;

  constructor(config: Interfaces.Config, options: Partial<Interfaces.HelpOptions> = {}) {
    super(config, options);
    this.render = fastRender(config, this.render);
  }

  override wrap(body: string, spacing = this.indentSpacing): string {
    return wrapPlain(this.render(body), this.opts.maxWidth - spacing) ?? super.wrap(body, spacing);
  }
}

/** The help of one command, likewise. */
class CommandHelp extends OclifCommandHelp {
  constructor(command: Command.Command.Loadable, config: Interfaces.Config, options: Interfaces.HelpOptions) {
    super(command, config, options);
    this.render = fastRender(config, this.render);
  }

  override wrap(body: string, spacing = this.indentSpacing): string {
    return wrapPlain(this.render(body), this.opts.maxWidth - spacing) ?? super.wrap(body, spacing);
  }
}
