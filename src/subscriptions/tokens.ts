import { join } from 'node:path';
import { hasToken } from '../../packages/webhooks/src/catalog/signature.js';
import { DEFAULT_API_URL } from '../shared/config.js';
import { stateDirError, UsageError } from '../shared/errors.js';
import { writeOwnFile } from '../shared/own-files.js';
import { readStateFile, trustStateDir } from '../shared/state-dir.js';

export type TokenSource = 'flag' | 'environment' | '.env' | 'stored' | 'created';

export interface CallbackToken {
  token: string;
  source: TokenSource;
}

export interface TokenRequest {
  /** `--token`, when passed. */
  flag?: string | undefined;
  /** SALESLOFT_CALLBACK_TOKEN, when set. */
  env?: string | undefined;
  /** Where SALESLOFT_CALLBACK_TOKEN came from. */
  envSource?: 'environment' | '.env';
  stateDir: string;
  /** Before 0.3 a token was stored per API URL: that URL's becomes the one token, if it has one. */
  apiUrl: string;
  /** Replace the stored token with a new one (`--new-token`). */
  renew?: boolean;
  /** Only read: without a token given or stored, fail instead of creating one (verify). */
  readOnly?: boolean;
  /** Why no token may be created here (CI): used when one would be. A stored one is still used. */
  refuseToMint?: string;
}

interface TokenFile {
  v: 2;
  /** The callback token of this state directory. */
  token?: string;
  /** Tokens stored per API URL before 0.3: kept, so a subscription made with one can be explained. */
  legacy: Record<string, string>;
}

const FILE_NAME = 'callback-tokens.json';

/**
 * The callback token to sign with or subscribe with: `--token`, else SALESLOFT_CALLBACK_TOKEN, else
 * the one stored in the state directory (created and stored, mode 0600, on first use). One token
 * for every command and API URL of a state directory, so the app configured with it verifies what
 * listen, trigger, replay and doctor sign, whichever API they were pointed at.
 */
export async function callbackToken(request: TokenRequest): Promise<CallbackToken> {
  const given =
    request.flag !== undefined
      ? '--token'
      : request.env !== undefined && request.env !== ''
        ? `SALESLOFT_CALLBACK_TOKEN (${request.envSource === '.env' ? 'in .env' : 'in the environment'})`
        : undefined;
  if (request.renew && given) {
    throw new UsageError(
      `--new-token replaces the stored token, but ${given} comes first and is the token this would use: unset it, or drop --new-token.`,
      'token_conflict',
    );
  }
  if (request.flag !== undefined) return { token: requireToken(request.flag, '--token'), source: 'flag' };
  if (request.env !== undefined && request.env !== '')
    return {
      token: requireToken(request.env, 'SALESLOFT_CALLBACK_TOKEN'),
      source: request.envSource ?? 'environment',
    };
  trustStateDir(request.stateDir);
  const file = join(request.stateDir, FILE_NAME);
  const stored = await readTokenFile(file);
  const existing = stored.token ?? stored.legacy[request.apiUrl] ?? stored.legacy[DEFAULT_API_URL];
  if (existing && !request.renew) {
    if (stored.token === undefined)
      await writeTokenFile(request.stateDir, file, { ...stored, token: existing });
    return { token: existing, source: 'stored' };
  }
  if (request.readOnly) {
    throw new UsageError(
      'No callback token: pass --token or --token-file, set SALESLOFT_CALLBACK_TOKEN, or run `salesloft-hooks listen --print-token` once to create the stored one.',
      'missing_token',
    );
  }
  if (request.refuseToMint !== undefined && !request.renew) {
    throw new UsageError(request.refuseToMint, 'token_needed_in_ci');
  }
  const { generateToken } = await import('./new-token.js');
  const token = generateToken();
  const fresh = stored.token === undefined && Object.keys(stored.legacy).length === 0 && !request.renew;
  if (fresh && !(await createTokenFile(request.stateDir, file, { v: 2, token, legacy: {} }))) {
    // Another command created it at the same moment (two listens started at once): use that one.
    const winner = (await readTokenFile(file)).token;
    if (winner) return { token: winner, source: 'stored' };
  }
  if (!fresh) await writeTokenFile(request.stateDir, file, { ...stored, token });
  return { token, source: 'created' };
}

/** Creates the file only if there is none (false when another process made it first). */
async function createTokenFile(stateDir: string, file: string, data: TokenFile): Promise<boolean> {
  const temp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  const { link, mkdir, rm, writeFile } = await import('node:fs/promises');
  try {
    await mkdir(stateDir, { recursive: true, mode: 0o700 });
    await writeFile(temp, `${JSON.stringify(data, null, 2)}\n`, { mode: 0o600 });
    await link(temp, file);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    // A file system without hard links: written as any other update (no guard against a race).
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'ENOSYS') {
      await writeTokenFile(stateDir, file, data);
      return true;
    }
    throw stateDirError(error);
  } finally {
    await rm(temp, { force: true });
  }
}

/** The tokens stored per API URL before 0.3, other than `current` (for a signature's diagnosis). */
export async function legacyTokens(stateDir: string, current: string): Promise<string[]> {
  trustStateDir(stateDir);
  const stored = await readTokenFile(join(stateDir, FILE_NAME)).catch(() => undefined);
  return [...new Set(Object.values(stored?.legacy ?? {}))].filter((token) => token !== current);
}

/** Where a token came from, in words for a hint. */
export function tokenOrigin(source: TokenSource): string {
  return {
    flag: '--token',
    environment: 'SALESLOFT_CALLBACK_TOKEN in the environment',
    '.env': 'SALESLOFT_CALLBACK_TOKEN in .env',
    stored: 'the state directory (`salesloft-hooks listen --print-token` prints it)',
    created: 'the state directory (created now; `salesloft-hooks listen --print-token` prints it)',
  }[source];
}

/** A callback token given by the user must hold something: an empty HMAC key signs for anyone. */
export function requireToken(value: string, where: string): string {
  if (!hasToken(value)) throw new UsageError(`${where} is empty: give the callback token.`, 'empty_token');
  return value;
}

async function readTokenFile(file: string): Promise<TokenFile> {
  let text: string;
  try {
    const bytes = readStateFile(file);
    if (!bytes) return { v: 2, legacy: {} };
    text = bytes.toString('utf8');
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw stateDirError(error);
  }
  const strings = (value: unknown): Record<string, string> =>
    value && typeof value === 'object'
      ? Object.fromEntries(
          Object.entries(value).filter(
            (entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== '',
          ),
        )
      : {};
  try {
    const parsed = JSON.parse(text) as { v?: unknown; token?: unknown; tokens?: unknown; legacy?: unknown };
    // Version 1 kept one token per API URL: those become the legacy tokens.
    if (parsed.v === 1) return { v: 2, legacy: strings(parsed.tokens) };
    if (parsed.v === 2) {
      const token = typeof parsed.token === 'string' && parsed.token !== '' ? parsed.token : undefined;
      return { v: 2, ...(token ? { token } : {}), legacy: strings(parsed.legacy) };
    }
  } catch {
    // A damaged file is replaced, as if there were none.
  }
  return { v: 2, legacy: {} };
}

async function writeTokenFile(stateDir: string, file: string, data: TokenFile): Promise<void> {
  const { mkdir } = await import('node:fs/promises');
  try {
    await mkdir(stateDir, { recursive: true, mode: 0o700 });
    writeOwnFile(file, `${JSON.stringify(data, null, 2)}\n`);
  } catch (error) {
    throw stateDirError(error);
  }
}

/** A token file's token: its first line, without a byte-order mark or trailing white space (Notepad writes both). */
export function tokenFromFile(text: string, label: string): string {
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/)[0] ?? '';
  return requireToken(firstLine.trimEnd(), label);
}
