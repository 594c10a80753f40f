import { ToggleCommand, toggleArgs, toggleFlags } from '../cli/toggle-command.js';

export default class Disable extends ToggleCommand {
  static override summary =
    'Disable webhook subscriptions by id, or by --url and --event (Salesloft stops delivering; nothing is deleted).';
  static override examples = [
    '<%= config.bin %> disable 101',
    '<%= config.bin %> disable --url staging.example.com --yes',
  ];
  static override strict = false;
  static override args = toggleArgs;
  static override flags = toggleFlags;
  protected readonly enabled = false;
}
