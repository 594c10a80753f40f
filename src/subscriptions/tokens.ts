import { join } from 'node:path';
import { stateDirError, UsageError } from '../shared/errors.js';

export type TokenSource = 'flag' | 'environment' | 'stored' | 'created';

export interface CallbackToken {
  token: string;
  source: TokenSource;
}

export interface TokenRequest {
  /** `--token`, when passed. */
  flag?: string | undefined;
  /** SALESLOFT_CALLBACK_TOKEN, when set. */
  env?: string | undefined;
  stateDir: string;
  /** The stored token belongs to this API URL (one token per Salesloft, or per emulator). */
  apiUrl: string;
  /** Replace the stored token with a new one (`--new-token`). */
  renew?: boolean;
}

interface TokenFile {
  v: 1;
  tokens: Record<string, string>;
}

const FILE_NAME = 'callback-tokens.json';

/**
 * The callback token to sign with or subscribe with: `--token`, else SALESLOFT_CALLBACK_TOKEN,
 * else the one stored for the API URL (created and stored, mode 0600, on first use).
 */
export async function callbackToken(request: TokenRequest): Promise<CallbackToken> {
  if (request.flag !== undefined) return { token: requireToken(request.flag, '--token'), source: 'flag' };
  if (request.env !== undefined && request.env !== '')
    return { token: requireToken(request.env, 'SALESLOFT_CALLBACK_TOKEN'), source: 'environment' };
  const file = join(request.stateDir, FILE_NAME);
  const stored = await readTokenFile(file);
  const existing = stored.tokens[request.apiUrl];
  if (existing && !request.renew) return { token: existing, source: 'stored' };
  const { generateToken } = await import('./new-token.js');
  const token = generateToken();
  await writeTokenFile(request.stateDir, file, {
    v: 1,
    tokens: { ...stored.tokens, [request.apiUrl]: token },
  });
  return { token, source: 'created' };
}

/** A callback token given by the user must hold something: an empty HMAC key signs for anyone. */
export function requireToken(value: string, where: string): string {
  if (value.trim() === '') throw new UsageError(`${where} is empty: give the callback token.`, 'empty_token');
  return value;
}

async function readTokenFile(file: string): Promise<TokenFile> {
  // node:crypto and node:fs/promises load when a token is read or made, not at every start.
  const { readFile } = await import('node:fs/promises');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { v: 1, tokens: {} };
    throw stateDirError(error);
  }
  try {
    const parsed = JSON.parse(text) as Partial<TokenFile>;
    if (parsed.v === 1 && parsed.tokens && typeof parsed.tokens === 'object') {
      const tokens = Object.fromEntries(
        Object.entries(parsed.tokens).filter(([, token]) => typeof token === 'string' && token !== ''),
      );
      return { v: 1, tokens };
    }
  } catch {
    // A damaged file is replaced, as if there were none.
  }
  return { v: 1, tokens: {} };
}

async function writeTokenFile(stateDir: string, file: string, data: TokenFile): Promise<void> {
  const temp = `${file}.${process.pid}.tmp`;
  const { mkdir, rename, writeFile } = await import('node:fs/promises');
  try {
    await mkdir(stateDir, { recursive: true, mode: 0o700 });
    await writeFile(temp, `${JSON.stringify(data, null, 2)}\n`, { mode: 0o600 });
    await rename(temp, file);
  } catch (error) {
    throw stateDirError(error);
  }
}
