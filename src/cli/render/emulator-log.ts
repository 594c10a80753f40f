import type { ChalkInstance } from 'chalk';
import type { EmulatorLogEvent } from '../../../packages/webhooks/src/emulator/emulator.js';
import { safeText, safeUrl } from '../../../packages/webhooks/src/shared/text.js';
import { colorStatus, linkSwapText } from './deliveries.js';

/** One stderr line per API request or delivery attempt of the emulator. */
export function formatEmulatorEvent(event: EmulatorLogEvent, color: ChalkInstance): string {
  const time = color.dim(new Date().toISOString().slice(11, 19));
  if (event.type === 'request') {
    const status = event.status === 0 ? color.red('reset') : colorStatus(event.status, color);
    return `${time} ${safeText(event.method, 20)} ${safeText(event.path, 200)} ${status}`;
  }
  if (event.type === 'skipped') {
    const { record } = event;
    return `${time} delivery #${record.id} ${safeText(record.event_type)} -> ${safeUrl(record.callback_url)} ${color.yellow(`skipped: ${record.skipped}`)}`;
  }
  const { record, attempt } = event;
  const outcome =
    attempt.status === null
      ? color.red(safeText(attempt.error ?? 'failed'))
      : colorStatus(attempt.status, color);
  const retry =
    record.state === 'pending'
      ? color.yellow(' (will retry)')
      : record.state === 'failed'
        ? color.red(' (gave up)')
        : '';
  const links = attempt.link_swap ? ` ${linkSwapText(attempt.link_swap, color)}` : '';
  return `${time} delivery #${record.id} ${safeText(record.event_type)} -> ${safeUrl(record.callback_url)} ${outcome} attempt ${attempt.attempt}, ${attempt.ms} ms${retry}${links}`;
}
