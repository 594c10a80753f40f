import { ToggleCommand, toggleArgs, toggleFlags } from '../cli/toggle-command.js';

export default class Enable extends ToggleCommand {
  static override summary = 'Enable webhook subscriptions by id, or by --url and --event.';
  static override examples = [
    '<%= config.bin %> enable 101 102',
    '<%= config.bin %> enable --url hooks.example.com --event "person_*" --yes',
  ];
  static override strict = false;
  static override args = toggleArgs;
  static override flags = toggleFlags;
  protected readonly enabled = true;
}
