import { EVENT_TYPES, type EventTypeInfo } from '../../packages/webhooks/src/catalog/event-types.js';
import { BaseCommand } from '../cli/base-command.js';
import { renderEventCatalog } from '../cli/render/events.js';

export default class Events extends BaseCommand<EventTypeInfo[]> {
  static override summary = 'List the Salesloft webhook event types and the OAuth scopes each needs.';
  static override examples = [
    '<%= config.bin %> events',
    '<%= config.bin %> events --json | jq -r ".[].name"',
  ];

  async run(): Promise<EventTypeInfo[]> {
    await this.parse(Events);
    const catalog = [...EVENT_TYPES];
    if (!this.jsonEnabled()) this.log(renderEventCatalog(catalog, this.out));
    return catalog;
  }
}
