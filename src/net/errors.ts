/** The errno-style code of a network error, from the error or its cause. */
export function errorCode(error: unknown): string | undefined {
  if (!error || typeof error !== 'object') return undefined;
  const { code, cause } = error as { code?: unknown; cause?: { code?: unknown } };
  if (typeof code === 'string') return code;
  return typeof cause?.code === 'string' ? cause.code : undefined;
}

/** The codes `sendRequest` gives its timeouts' errors. */
export const TIMEOUT_CODES = {
  connect: 'CONNECT_TIMEOUT',
  headers: 'HEADERS_TIMEOUT',
  body: 'BODY_TIMEOUT',
} as const;

const REASONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'DNS lookup failed',
  ECONNRESET: 'connection reset',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  [TIMEOUT_CODES.connect]: 'timed out connecting',
  [TIMEOUT_CODES.headers]: 'timed out waiting for an answer',
  [TIMEOUT_CODES.body]: 'timed out reading the answer',
};

/** "connection refused (ECONNREFUSED)": why a request failed, for a one-line message. */
export function networkReason(error: unknown, timeoutMs?: number): string {
  if (error instanceof Error && error.name === 'TimeoutError' && timeoutMs !== undefined) {
    return `no answer within ${timeoutMs / 1000} s`;
  }
  const code = errorCode(error);
  if (code && REASONS[code]) return `${REASONS[code]} (${code})`;
  // llhttp's codes (node:http and undici alike): the peer is not speaking HTTP as it should.
  if (code?.startsWith('HPE_')) return `answered with a malformed HTTP response (${code})`;
  return code ?? (error instanceof Error ? error.message : String(error));
}
