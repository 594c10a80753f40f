import * as Flags from '@oclif/core/flags';
import type { Subscription } from '../../packages/webhooks/src/salesloft/types.js';
import { count } from '../../packages/webhooks/src/shared/text.js';
import {
  defaultListenEvents,
  matchEvents,
  synchronousWarning,
  unknownEventsWarning,
} from '../catalog/patterns.js';
import { ApiCommand } from '../cli/base-command.js';
import { eventFlag, tokenFileFlag } from '../cli/flags.js';
import { deliveryView } from '../cli/render/deliveries.js';
import { sessionLine } from '../cli/render/session.js';
import { handleStopSignals } from '../cli/terminal.js';
import type { SalesloftClient } from '../salesloft/client.js';
import { UsageError } from '../shared/errors.js';
import { isLoopbackUrl, parseCallbackUrl } from '../shared/urls.js';
import { tokenOrigin } from '../subscriptions/tokens.js';

export default class Listen extends ApiCommand<{ token: string } | undefined> {
  static override summary = 'Receive, verify, show and forward Salesloft deliveries on this machine.';
  static override description =
    `Opens a tunnel (ngrok by default), subscribes it to the chosen events (default: every type but
link_swap, a synchronous hook in the send path of every email the team sends, and
email_with_body_and_subject_updated, which needs a privileged scope: name either to get it),
prints each delivery with its signature verdict, forwards it to your app with --forward-to, and
deletes its subscriptions when it stops, even after a crash (see \`prune\`).`;

  static override examples = [
    '<%= config.bin %> listen --emulator',
    '<%= config.bin %> listen --event "person_*" --forward-to http://localhost:3000/webhooks/salesloft',
    '<%= config.bin %> listen --tunnel none --public-url https://my-proxy.example.com --json | jq .event_type',
    '<%= config.bin %> listen --max-deliveries 3 --record deliveries.jsonl',
  ];

  static override flags = {
    event: eventFlag,
    port: Flags.integer({
      description: 'local port of the receiver (0: any free port)',
      default: 0,
      min: 0,
      max: 65535,
    }),
    'forward-to': Flags.string({
      description:
        "your local handler (http://localhost:3000/hooks, localhost:3000/hooks or :3000/hooks); repeatable with routes per event: 'person_*=:3000/people'",
      multiple: true,
    }),
    'forward-header': Flags.string({
      description: "an extra header for --forward-to, 'Name: value' (repeatable)",
      multiple: true,
    }),
    'forward-insecure': Flags.boolean({
      description: 'accept a self-signed certificate from --forward-to (a loopback https dev server only)',
    }),
    'forward-timeout': Flags.integer({
      description: 'seconds to wait for --forward-to before answering 502',
      default: 10,
      min: 1,
    }),
    tunnel: Flags.option({
      options: ['ngrok', 'cloudflared', 'none'] as const,
      description:
        'how Salesloft reaches this machine (default: ngrok; cloudflared: a quick tunnel, no account; none for a loopback API URL)',
    })(),
    'cloudflared-path': Flags.string({
      helpValue: '<file>',
      description: 'the cloudflared to run for --tunnel cloudflared (default: cloudflared on PATH)',
    }),
    'public-url': Flags.string({
      description: 'your own public URL that reaches the receiver (implies --tunnel none)',
    }),
    domain: Flags.string({ description: 'reserved ngrok domain to use' }),
    'tunnel-timeout': Flags.integer({
      description: 'seconds to wait for the tunnel to open',
      default: 15,
      min: 1,
    }),
    token: Flags.string({
      description:
        'callback token for this session [env: SALESLOFT_CALLBACK_TOKEN] (default: the state directory’s)',
    }),
    'token-file': tokenFileFlag,
    'new-token': Flags.boolean({ description: 'replace the stored callback token with a new one' }),
    'print-token': Flags.boolean({
      description: 'print the callback token and exit (creates and stores it if needed; no API key needed)',
    }),
    record: Flags.string({
      helpValue: '<file>',
      description: 'append every delivery (headers, raw body, verdict) to this JSON-lines file',
    }),
    'max-deliveries': Flags.integer({
      description: 'stop after this many deliveries, verified or not',
      min: 1,
    }),
    keep: Flags.boolean({ description: 'leave the subscriptions in place when stopping' }),
    inspect: Flags.boolean({
      description: 'serve the inspector page of every delivery, with replay (--no-inspect: do not)',
      default: true,
      allowNo: true,
    }),
    'inspect-budget': Flags.integer({
      description: 'memory the inspector may keep for deliveries, in MB (the oldest go first)',
      default: 64,
      min: 1,
      max: 4096,
    }),
    'inspect-port': Flags.integer({
      description: 'port of the inspector page (default: 4041 or the next free port)',
      min: 1,
      max: 65535,
    }),
    body: Flags.boolean({ description: 'print each body as indented JSON under its line' }),
    headers: Flags.boolean({ description: 'print each delivery’s headers under its line' }),
    emulator: Flags.boolean({
      description: 'use the embedded Salesloft emulator: no API key, no tunnel, sample deliveries',
    }),
    'emulator-interval': Flags.integer({
      description:
        'with --emulator: seconds between sample deliveries after the first round (0: none; default 2)',
      min: 0,
    }),
  };

  /** `--print-token` returns its JSON document; a session streams its own lines and returns nothing. */
  async run(): Promise<{ token: string } | undefined> {
    const { flags } = await this.parse(Listen);
    const settings = this.resolveSettings(flags);
    const { token, source } = await this.callbackToken(flags, settings, {
      renew: flags['new-token'],
      ...(flags['print-token'] ? {} : { subscribes: this.subscribesRemotely(flags, settings.apiUrl) }),
    });
    if (flags['print-token']) {
      if (!this.jsonEnabled()) process.stdout.write(`${token}\n`);
      return { token };
    }

    const events = flags.event ? this.resolveEvents(flags.event) : defaultListenEvents();
    if (events.length === 0) throw new UsageError('--event names no event type.', 'no_events');
    const hook = synchronousWarning(events);
    if (hook) this.warning(hook);
    const publicUrl =
      flags['public-url'] === undefined ? undefined : parseCallbackUrl(flags['public-url'], '--public-url');
    const { parseRoutes } = await import('../listen/routes.js');
    const routes = parseRoutes(flags['forward-to'] ?? []);
    if ((flags['forward-insecure'] || flags['forward-header']) && routes.length === 0) {
      throw new UsageError('--forward-header and --forward-insecure go with --forward-to.', 'usage');
    }
    const remote = routes.find((route) => !isLoopbackUrl(route.target));
    if (flags['forward-insecure'] && remote) {
      throw new UsageError(
        `--forward-insecure is for your own dev server on this machine, not ${new URL(remote.target).host}: trust its CA with NODE_EXTRA_CA_CERTS instead.`,
        'insecure_remote',
      );
    }
    const { parseForwardHeaders } = await import('../listen/forwarder.js');
    const forwardHeaders = parseForwardHeaders(flags['forward-header'] ?? []);

    const [{ runListenSession }, { openTunnel }, { chooseTunnel }] = await Promise.all([
      import('../listen/session.js'),
      import('../listen/tunnel/open.js'),
      import('../listen/tunnel/choose.js'),
    ]);
    let api: SalesloftClient;
    let apiUrl: string;
    let credential: string;
    let login: { profile: string } | undefined;
    let onReady: ((session: { subscriptions: Subscription[] }) => void) | undefined;
    if (flags.emulator) {
      const { startEmulatorSource } = await import('../listen/emulator-source.js');
      const source = await startEmulatorSource(
        (message) => this.note(this.err.dim(message)),
        (flags['emulator-interval'] ?? 2) * 1000,
      );
      this.onCleanup(() => source.close());
      apiUrl = source.url;
      credential = 'emulator';
      api = await this.salesloft({ 'api-url': source.url, 'api-key': credential });
      onReady = source.onReady;
    } else {
      ({ apiUrl, credentialId: credential, login } = await this.apiSettings(flags));
      api = await this.salesloft(flags);
    }
    const tunnel = chooseTunnel({ tunnel: flags.tunnel, publicUrl, apiUrl });
    const team = await this.sayTeam(api, true);
    const { journalOwner } = await import('../journal/journal.js');
    const owner = journalOwner(team, credential, login?.profile);

    const live = new Set<number>();
    const signals = handleStopSignals((signal) => {
      const left = [...live].sort((a, b) => a - b);
      return left.length === 0
        ? `${signal} again: exiting without cleanup.`
        : `${signal} again: exiting without cleanup; left ${count(left.length, 'subscription')} (${left.map((id) => `#${id}`).join(' ')}): run \`salesloft-hooks prune\` to delete ${left.length === 1 ? 'it' : 'them'}.`;
    });
    this.onCleanup(async () => signals.dispose());

    await runListenSession(
      {
        api,
        apiUrl,
        owner,
        stateDir: settings.stateDir,
        openTunnel: (port, localUrl) =>
          openTunnel(tunnel, {
            port,
            localUrl,
            publicUrl,
            ngrok: {
              authtoken: settings.ngrokAuthtoken,
              domain: flags.domain,
              serverAddr: settings.ngrokServerAddr,
              timeoutMs: flags['tunnel-timeout'] * 1000,
            },
            cloudflared: { path: flags['cloudflared-path'], timeoutMs: flags['tunnel-timeout'] * 1000 },
          }),
        stopRequested: signals.first,
        live,
        stdout: (text) => process.stdout.write(text),
        view: deliveryView(this.jsonEnabled(), this.out, { body: flags.body, headers: flags.headers }),
        onEvent: (event) => {
          const line = sessionLine(event, this.err);
          if (line !== undefined) this.note(line);
        },
        ...(onReady ? { onReady } : {}),
      },
      {
        events,
        port: flags.port,
        token,
        tokenOrigin: tokenOrigin(source),
        routes,
        forwardHeaders,
        forwardInsecure: flags['forward-insecure'],
        forwardTimeoutMs: flags['forward-timeout'] * 1000,
        record: flags.record,
        maxDeliveries: flags['max-deliveries'],
        keep: flags.keep,
        ...(flags.inspect
          ? { inspect: { port: flags['inspect-port'], budgetMb: flags['inspect-budget'] } }
          : {}),
        showReceiver: tunnel === 'none',
      },
    );
    return undefined;
  }

  /** Whether the session's subscriptions live where a runner's death leaves them: not the emulator's. */
  private subscribesRemotely(flags: { emulator: boolean }, apiUrl: string): 'remote' | 'local' {
    return flags.emulator || isLoopbackUrl(apiUrl) ? 'local' : 'remote';
  }

  private resolveEvents(patterns: string[]): string[] {
    const match = matchEvents(patterns);
    const warning = unknownEventsWarning(match.unknown);
    if (warning) this.warning(warning);
    return match.events;
  }
}
