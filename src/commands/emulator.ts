import * as Flags from '@oclif/core/flags';
import { revealSecret } from '../cli/argv-secrets.js';
import { BaseCommand } from '../cli/base-command.js';
import { handleStopSignals } from '../cli/terminal.js';
import { isLoopbackHost, reachableUrls } from '../shared/bind-address.js';
import { UsageError } from '../shared/errors.js';

export default class EmulatorCommand extends BaseCommand<void> {
  static override summary =
    'Run a local Salesloft: the webhook-subscriptions API and real signed deliveries.';
  static override description =
    `Point the CLI or your own code at it with SALESLOFT_API_URL=http://127.0.0.1:4010.
Fire an event with: curl -X POST localhost:4010/__emulator/events -H 'content-type: application/json' -d '{"event_type":"person_updated"}'
Other endpoints: GET /__emulator/deliveries, GET /__emulator/requests, POST|DELETE /__emulator/faults, POST /__emulator/clock, POST /__emulator/reset.`;

  static override examples = [
    '<%= config.bin %> emulator',
    '<%= config.bin %> emulator --port 4010 --api-key ak_local --retry-interval 2',
  ];

  static override flags = {
    port: Flags.integer({
      description: 'port to listen on (0: any free port)',
      default: 4010,
      min: 0,
      max: 65535,
    }),
    host: Flags.string({
      description: 'address to bind (one other machines can reach needs --api-key)',
      default: '127.0.0.1',
    }),
    'api-key': Flags.string({ description: 'accept only this Bearer token (default: any token)' }),
    'retry-interval': Flags.integer({
      description: 'seconds between delivery attempts (Salesloft: 15)',
      default: 15,
      min: 0,
    }),
    'rate-limit': Flags.integer({
      description: 'request budget per minute (Salesloft: 600)',
      default: 600,
      min: 1,
    }),
    seed: Flags.integer({ description: 'seed for sample payloads (reproducible ids and values)' }),
    'deliver-anywhere': Flags.boolean({
      description:
        'also deliver to callback URLs that are not on this machine (default: loopback hosts only)',
    }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(EmulatorCommand);
    if (!isLoopbackHost(flags.host) && flags['api-key'] === undefined) {
      throw new UsageError(
        `--host ${flags.host} lets other machines reach the emulator, which would take any token from them: pass --api-key too.`,
        'open_emulator',
      );
    }
    const [{ startEmulator }, { formatEmulatorEvent }] = await Promise.all([
      import('../../packages/webhooks/src/emulator/emulator.js'),
      import('../cli/render/emulator-log.js'),
    ]);
    const emulator = await startEmulator({
      port: flags.port,
      host: flags.host,
      ...(flags['api-key'] === undefined ? {} : { apiKey: revealSecret(flags['api-key']) }),
      retryIntervalMs: flags['retry-interval'] * 1000,
      rateLimitPerMinute: flags['rate-limit'],
      ...(flags.seed === undefined ? {} : { seed: flags.seed }),
      deliverAnywhere: flags['deliver-anywhere'],
      log: (event) => this.note(formatEmulatorEvent(event, this.err)),
    }).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EADDRINUSE') throw error;
      throw new UsageError(
        `Port ${flags.port} on ${flags.host} is in use: pass --port (0 picks a free port).`,
        'port_in_use',
      );
    });
    const port = Number(new URL(emulator.url).port);
    const [url = emulator.url, ...others] = reachableUrls(flags.host, port);
    if (this.jsonEnabled()) this.logJson({ url });
    this.note(`Emulator listening on ${url}${others.length > 0 ? ` (and ${others.join(', ')})` : ''}`);
    this.note(`export SALESLOFT_API_URL=${url}`);
    // Any key is accepted without --api-key; a key that was passed is never printed.
    this.note(
      `export SALESLOFT_API_KEY=${flags['api-key'] === undefined ? 'ak_emulator' : '<your --api-key>'}`,
    );
    const signals = handleStopSignals();
    const signal = await signals.first;
    this.note(`${signal}: stopping the emulator.`);
    await emulator.close();
    signals.dispose();
  }
}
