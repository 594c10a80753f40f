/** The codes this project names timeouts by (undici's UND_ERR_* codes map to them). */
export const TIMEOUT_CODES = {
  connect: 'CONNECT_TIMEOUT',
  headers: 'HEADERS_TIMEOUT',
  body: 'BODY_TIMEOUT',
} as const;

/** The one map from undici's error codes to the errno-style codes the rest of the project uses. */
const UNDICI_CODES: Record<string, string> = {
  UND_ERR_CONNECT_TIMEOUT: TIMEOUT_CODES.connect,
  UND_ERR_HEADERS_TIMEOUT: TIMEOUT_CODES.headers,
  UND_ERR_BODY_TIMEOUT: TIMEOUT_CODES.body,
  // "other side closed": the peer hung up without an answer, or in the middle of one.
  UND_ERR_SOCKET: 'ECONNRESET',
  UND_ERR_RES_CONTENT_LENGTH_MISMATCH: 'ECONNRESET',
};

/**
 * The errno-style code of a network error (ECONNREFUSED, HEADERS_TIMEOUT, HPE_..., PROXY_REFUSED,
 * PROXY_AUTH_REQUIRED),
 * from the error or its cause, with undici's codes mapped.
 */
export function errorCode(error: unknown): string | undefined {
  if (!error || typeof error !== 'object') return undefined;
  const { code, cause, message, name } = error as {
    code?: unknown;
    cause?: unknown;
    message?: unknown;
    name?: unknown;
  };
  // undici's parser error carries llhttp's code only for some failures (not a wrong status line).
  if (name === 'HTTPParserError' && typeof code !== 'string') return 'HPE_INVALID_RESPONSE';
  if (typeof code === 'string') {
    // undici's ProxyAgent: the proxy refused the CONNECT (or could not reach the target).
    if (code === 'UND_ERR_ABORTED' && typeof message === 'string' && /^Proxy response/.test(message)) {
      return /^Proxy response \(407\)/.test(message) ? 'PROXY_AUTH_REQUIRED' : 'PROXY_REFUSED';
    }
    const causeCode = errorCode(cause);
    if (code === 'UND_ERR_SOCKET' && causeCode) return causeCode;
    return UNDICI_CODES[code] ?? code;
  }
  return errorCode(cause);
}

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
  PROXY_REFUSED: 'the proxy refused the connection',
  PROXY_AUTH_REQUIRED:
    'the proxy asks for credentials: give them in the proxy variable, http://user:password@host:port',
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
