import { Flags } from '@oclif/core';
import { apiFlags, BaseCommand } from '../base-command.js';
import { EVENT_TYPES } from '../catalog/event-types.js';
import { matchEvents, unknownEventsWarning } from '../catalog/patterns.js';
import { eventFlag } from '../flags.js';
import type { SubscriptionApi } from '../subscriptions/api.js';
import { handleStopSignals } from '../ui/signals.js';
import { parseCallbackUrl } from '../urls.js';

export default class Listen extends BaseCommand {
  static override summary = 'Receive, verify, show and forward Salesloft deliveries on this machine.';
  static override description =
    `Opens a tunnel (ngrok by default), subscribes it to the chosen events (default: all),
prints each delivery with its signature verdict, forwards it to your app with --forward-to, and
deletes its subscriptions when it stops, even after a crash (see \`prune\`).`;

  static override examples = [
    '<%= config.bin %> listen --emulator',
    '<%= config.bin %> listen --event "person_*" --forward-to http://localhost:3000/webhooks/salesloft',
    '<%= config.bin %> listen --tunnel none --public-url https://my-proxy.example.com --json | jq .event_type',
    '<%= config.bin %> listen --max-deliveries 3 --record deliveries.jsonl',
  ];

  static override flags = {
    ...apiFlags,
    event: eventFlag,
    port: Flags.integer({
      description: 'local port of the receiver (0: any free port)',
      default: 0,
      min: 0,
      max: 65535,
    }),
    'forward-to': Flags.string({
      description: 'URL of your local handler; each verified delivery is sent there',
    }),
    'forward-timeout': Flags.integer({
      description: 'seconds to wait for --forward-to before answering 502',
      default: 10,
      min: 1,
    }),
    tunnel: Flags.option({
      options: ['ngrok', 'none'] as const,
      description: 'how Salesloft reaches this machine',
      default: 'ngrok',
    })(),
    'public-url': Flags.string({
      description: 'with --tunnel none: your own public URL that reaches --port',
    }),
    domain: Flags.string({ description: 'reserved ngrok domain to use' }),
    'tunnel-timeout': Flags.integer({
      description: 'seconds to wait for the tunnel to open',
      default: 15,
      min: 1,
    }),
    token: Flags.string({ description: 'callback token for this session (default: a new random one)' }),
    record: Flags.string({
      description: 'append every delivery (headers, raw body, verdict) to this JSON-lines file',
    }),
    'max-deliveries': Flags.integer({
      description: 'stop after this many deliveries, verified or not',
      min: 1,
    }),
    keep: Flags.boolean({ description: 'leave the subscriptions in place when stopping' }),
    emulator: Flags.boolean({
      description: 'use the embedded Salesloft emulator: no API key, no tunnel, sample deliveries',
    }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(Listen);
    const events = flags.event ? this.resolveEvents(flags.event) : EVENT_TYPES.map((event) => event.name);
    const publicUrl =
      flags['public-url'] === undefined ? undefined : parseCallbackUrl(flags['public-url'], '--public-url');
    if (flags['forward-to'] !== undefined) parseCallbackUrl(flags['forward-to'], '--forward-to');
    const settings = this.resolveSettings(flags);

    const [{ runListenSession }, { noTunnel }] = await Promise.all([
      import('../listen/session.js'),
      import('../listen/tunnel/none.js'),
    ]);
    let api: SubscriptionApi;
    let apiUrl: string;
    let onReady: ((session: { subscriptions: { event_type: string }[] }) => void) | undefined;
    if (flags.emulator) {
      const { startEmulator } = await import('../emulator/emulator.js');
      const { feedSamples } = await import('../listen/emulator-feed.js');
      const emulator = await startEmulator();
      apiUrl = emulator.url;
      api = await this.salesloft({ 'api-url': emulator.url, 'api-key': 'emulator' });
      let stopFeed = () => {};
      onReady = (session) => {
        this.note(
          this.err.dim(
            `Emulator at ${emulator.url} is sending sample deliveries: one of each type, then one every 2 s.`,
          ),
        );
        stopFeed = feedSamples(emulator, [...new Set(session.subscriptions.map((sub) => sub.event_type))]);
      };
      this.onCleanup(async () => {
        stopFeed();
        await emulator.close();
      });
    } else {
      api = await this.salesloft(flags);
      apiUrl = this.apiSettings(flags).apiUrl;
    }

    const useNgrok = !flags.emulator && flags.tunnel === 'ngrok';
    const signals = handleStopSignals((signal) => {
      this.note(`${signal} again: exiting without cleanup; run \`salesloft-hooks prune\` later.`);
      process.exit(130);
    });
    this.onCleanup(async () => signals.dispose());

    await runListenSession(
      {
        api,
        apiUrl,
        stateDir: settings.stateDir,
        openTunnel: async (port, localUrl) => {
          if (!useNgrok) return noTunnel(localUrl, publicUrl);
          const { ngrokTunnel } = await import('../listen/tunnel/ngrok.js');
          return ngrokTunnel({
            port,
            authtoken: settings.ngrokAuthtoken,
            domain: flags.domain,
            serverAddr: process.env.NGROK_SERVER_ADDR,
            timeoutMs: flags['tunnel-timeout'] * 1000,
          });
        },
        stopRequested: signals.first,
        stdout: (text) => process.stdout.write(text),
        stderr: (line) => this.note(line),
        color: this.out,
        errColor: this.err,
        ...(onReady ? { onReady } : {}),
      },
      {
        events,
        port: flags.port,
        token: flags.token,
        forwardTo: flags['forward-to'],
        forwardTimeoutMs: flags['forward-timeout'] * 1000,
        record: flags.record,
        maxDeliveries: flags['max-deliveries'],
        keep: flags.keep,
        json: this.jsonEnabled(),
      },
    );
  }

  override async finally(error: Error | undefined): Promise<void> {
    await super.finally(error);
    // The ngrok SDK can keep a native handle open after a failed or closed tunnel: do not let it hold the exit.
    setTimeout(() => process.exit(), 2_000).unref();
  }

  private resolveEvents(patterns: string[]): string[] {
    const match = matchEvents(patterns);
    const warning = unknownEventsWarning(match.unknown);
    if (warning) this.warning(warning);
    return match.events;
  }
}
