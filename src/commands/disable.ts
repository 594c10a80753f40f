import { ToggleCommand, toggleArgs } from '../cli/toggle-command.js';

export default class Disable extends ToggleCommand {
  static override summary =
    'Disable webhook subscriptions by id (Salesloft stops delivering; nothing is deleted).';
  static override examples = ['<%= config.bin %> disable 101'];
  static override strict = false;
  static override args = toggleArgs;
  protected readonly enabled = false;
}
