import { ToggleCommand, toggleArgs } from '../cli/toggle-command.js';

export default class Enable extends ToggleCommand {
  static override summary = 'Enable webhook subscriptions by id.';
  static override examples = ['<%= config.bin %> enable 101 102'];
  static override strict = false;
  static override args = toggleArgs;
  protected readonly enabled = true;
}
