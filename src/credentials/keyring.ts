import { CliError, ExitCode } from '../shared/errors.js';

/** How long one keychain call may take: a locked keychain that waits for a password must not hang a script. */
export const KEYRING_TIMEOUT_MS = 3_000;
const SERVICE = 'salesloft-hooks';

/** There is no keychain to use here (no Secret Service, no session bus, no native module): use the file. */
export class KeychainUnavailable extends Error {}

type Entry = import('@napi-rs/keyring').AsyncEntry;

/** The keychain entry of a profile, the native module loaded on first use (an optional dependency). */
async function entry(profile: string): Promise<Entry> {
  let keyring: typeof import('@napi-rs/keyring');
  try {
    keyring = await import('@napi-rs/keyring');
  } catch {
    throw new KeychainUnavailable(
      'the keychain module (@napi-rs/keyring, an optional dependency) is not installed',
    );
  }
  return new keyring.AsyncEntry(SERVICE, profile);
}

/**
 * One keychain call, bounded: an abort signal for the native side and a timer of its own in case
 * the call does not honour it. A keychain that cannot be reached at all is `KeychainUnavailable`;
 * one that is locked, or does not answer in time, is an error the user must see (never a silent
 * fallback to a file).
 */
async function bounded<T>(call: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const signal = AbortSignal.timeout(KEYRING_TIMEOUT_MS);
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(locked(`it did not answer within ${KEYRING_TIMEOUT_MS / 1000} s`)),
      KEYRING_TIMEOUT_MS + 100,
    );
    timer.unref();
  });
  try {
    return await Promise.race([
      call(signal).catch((error: unknown) => Promise.reject(classify(error, signal))),
      late,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

function classify(error: unknown, signal: AbortSignal): Error {
  if (error instanceof KeychainUnavailable || error instanceof CliError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (signal.aborted) return locked(`it did not answer within ${KEYRING_TIMEOUT_MS / 1000} s`);
  if (/lock|prompt|dismiss|cancel/i.test(message)) return locked(message);
  return new KeychainUnavailable(message);
}

function locked(why: string): CliError {
  return new CliError(
    `The OS keychain is locked or waiting for a password (${why}): unlock it and try again, or set SALESLOFT_HOOKS_CREDENTIAL_STORE=file.`,
    'keychain_locked',
    ExitCode.usage,
  );
}

export async function keyringGet(profile: string): Promise<string | undefined> {
  const item = await entry(profile);
  return (await bounded((signal) => item.getPassword(signal))) ?? undefined;
}

export async function keyringSet(profile: string, secret: string): Promise<void> {
  const item = await entry(profile);
  await bounded((signal) => item.setPassword(secret, signal));
}

export async function keyringDelete(profile: string): Promise<boolean> {
  const item = await entry(profile);
  return bounded((signal) => item.deletePassword(signal));
}
