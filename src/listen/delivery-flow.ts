import { diagnose } from '../../packages/webhooks/src/catalog/signature.js';
import { firstHeader } from '../../packages/webhooks/src/shared/headers.js';
import { type Delivery, examined, REPLAY_HEADER } from './delivery.js';
import { LineWriter } from './line-writer.js';
import type { Rejection } from './receiver.js';
import type { Recorder } from './recording-file.js';
import { RetryTracker } from './retries.js';
import type { SessionEvent } from './session-events.js';
import { SessionStats } from './stats.js';

/** How deliveries are shown: the lines (or JSON lines) to print, made by the command's renderer. */
export interface DeliveryView {
  /** When a delivery is verified, before it is forwarded. */
  received(delivery: Delivery, retryOf: number | undefined): string | undefined;
  /** When it has been answered (after the forward's answer, if forwarding). */
  answered(delivery: Delivery): string | undefined;
  /** In place of a line that could not be rendered: what is known without reading the body. */
  unrendered(delivery: Delivery, error: unknown): string;
}

/**
 * What happens to each delivery of a session once the receiver has it: diagnosis, retry
 * detection, its lines, the inspector, the recording, the counts, and the one hint when the app
 * refuses a valid delivery. The receiver calls `received`, `answered` and `rejected`.
 */
export class DeliveryFlow {
  readonly stats = new SessionStats();
  /** Deliveries answered, and those turned away past --max-deliveries. */
  answeredCount = 0;
  pastMax = 0;
  /** The inspector, once it is open. */
  inspect: ((delivery: Delivery, retryOf: number | undefined) => void) | undefined;
  private readonly output: LineWriter;
  private readonly retries = new RetryTracker();
  private readonly retryOfById = new Map<number, number>();
  private hintedRefusal = false;

  constructor(
    private readonly options: {
      token: string;
      tokenOrigin: string;
      view: DeliveryView;
      stdout: (text: string) => void;
      onEvent: (event: SessionEvent) => void;
      recorder: Recorder | undefined;
      maxDeliveries: number | undefined;
      onMaxReached: () => void;
    },
  ) {
    this.output = new LineWriter(options.stdout);
  }

  /** Lines still waiting for the next event-loop turn, written now (before "cleaning up"). */
  flush(): void {
    this.output.flush();
  }

  received(delivery: Delivery): void {
    const signature = firstHeader(delivery.headers['x-salesloft-signature']);
    // An invalid signature's likely cause on its line, as the inspector shows it (small bodies
    // only: a flood of large forgeries is not worth diagnosing).
    if (!delivery.signature.valid && examined(delivery)) {
      const hint = diagnose(delivery.body, this.options.token, signature).hint;
      if (hint) delivery.signature.hint = hint;
    }
    // A replay from the inspector repeats a delivery on purpose: it is marked as such, not as a retry.
    const retryOf =
      delivery.headers[REPLAY_HEADER] !== undefined
        ? undefined
        : this.retries.check(
            delivery.id,
            delivery.event_type,
            delivery.body,
            signature,
            delivery.signature.valid,
          );
    if (retryOf !== undefined) this.retryOfById.set(delivery.id, retryOf);
    this.inspect?.(delivery, retryOf);
    this.show(() => this.options.view.received(delivery, retryOf), delivery);
  }

  answered(delivery: Delivery): void {
    this.answeredCount += 1;
    this.stats.add(delivery);
    const retryOf = this.retryOfById.get(delivery.id);
    this.inspect?.(delivery, retryOf);
    this.retryOfById.delete(delivery.id);
    this.options.recorder?.append(delivery, retryOf);
    this.show(() => this.options.view.answered(delivery), delivery);
    const status = delivery.forward?.status;
    if (!this.hintedRefusal && delivery.signature.valid && (status === 401 || status === 403)) {
      this.hintedRefusal = true;
      this.options.onEvent({
        type: 'refused-valid',
        status,
        token: this.options.token,
        tokenOrigin: this.options.tokenOrigin,
      });
    }
    const max = this.options.maxDeliveries;
    if (max !== undefined && this.answeredCount >= max) this.options.onMaxReached();
  }

  /**
   * A replay the inspector's page sent straight to the app: shown, recorded (`replay_of`), counted
   * apart in the summary and given its row, as a delivery; never a retry, and not one of
   * --max-deliveries (those are Salesloft's).
   */
  replayed(delivery: Delivery): void {
    this.stats.addReplay();
    this.inspect?.(delivery, undefined);
    this.options.recorder?.append(delivery);
    this.show(() => this.options.view.received(delivery, undefined), delivery);
    this.show(() => this.options.view.answered(delivery), delivery);
  }

  /** Deliveries past --max-deliveries are counted and said once at the end, not a line each. */
  rejected(rejection: Rejection): void {
    if (rejection.status === 503) {
      this.pastMax += 1;
      return;
    }
    this.options.onEvent({ type: 'rejected', ...rejection });
  }

  /** A delivery's lines; one that cannot be rendered still gets a plain line, never none. */
  private show(render: () => string | undefined, delivery: Delivery): void {
    let line: string | undefined;
    try {
      line = render();
    } catch (error) {
      line = this.options.view.unrendered(delivery, error);
    }
    if (line !== undefined) this.output.push(line);
  }
}
