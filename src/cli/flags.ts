import * as Flags from '@oclif/core/flags';
import { EVENT_TYPES } from '../../packages/webhooks/src/catalog/event-types.js';
import { UsageError } from '../shared/errors.js';
import { isLoopbackUrl } from '../shared/urls.js';

/**
 * A flag whose values the shell completes (`listen --event <TAB>`) while it still takes others
 * (globs, lists): `completions` is read by the autocomplete plugin (see patches/README.md).
 */
export function completing<F extends object>(flag: F, completions: readonly string[]): F {
  Object.assign(flag, { completions: [...completions] });
  return flag;
}

/** The values `--event` completes to: the 37 names and `all`. */
export const EVENT_COMPLETIONS: readonly string[] = [...EVENT_TYPES.map((event) => event.name), 'all'];

const eventFlagWith = (description: string) =>
  completing(Flags.string({ char: 'e', description, multiple: true }), EVENT_COMPLETIONS);

/** Flags shared by several commands, defined once. */
export const eventFlag = eventFlagWith(
  'event type, glob (person_*, *_deleted) or all (neither reaches link_swap: name it); repeatable, comma lists accepted',
);
/** `list`'s: it only shows, so `all` and globs show link_swap subscriptions too. */
export const listedEventFlag = eventFlagWith(
  'only these event types: a type, a glob (person_*, *_deleted) or all; repeatable, comma lists accepted',
);

export const tokenFileFlag = Flags.string({
  helpValue: '<file>',
  description: 'read the callback token from this file (kept out of `ps`, unlike --token)',
  exclusive: ['token'],
});

/** `--insecure`: a self-signed certificate from a loopback https target (a dev server) is accepted. */
export const insecureFlag = Flags.boolean({
  description: 'accept a self-signed certificate from a loopback https target (your dev server)',
});

/** `--insecure` is for this machine's own dev server: exit 2 for any other target. */
export function checkInsecure(insecure: boolean, url: string | undefined, flag = '--insecure'): void {
  if (!insecure || url === undefined || isLoopbackUrl(url)) return;
  throw new UsageError(
    `${flag} is for your own dev server on this machine, not ${new URL(url).host}: trust its CA with NODE_EXTRA_CA_CERTS instead.`,
    'insecure_remote',
  );
}

/** For commands that call no API: before 0.3 the stored callback token was per API URL. */
export const tokenApiUrlFlag = Flags.string({
  description:
    'API URL whose callback token, stored per API URL before 0.3, becomes the state directory’s [env: SALESLOFT_API_URL]',
  helpGroup: 'API',
});

export const showTokensFlag = Flags.boolean({ description: 'show callback tokens in full' });

export const yesFlag = Flags.boolean({ char: 'y', description: 'do it without asking for confirmation' });

export const dryRunFlag = Flags.boolean({ description: 'show what would happen and change nothing' });
