import { ApiError } from '../shared/errors.js';

/** Salesloft wraps most bodies in `{data: ...}`, some clients see them bare: accept both. */
export function unwrap(body: unknown): unknown {
  if (body && typeof body === 'object' && !Array.isArray(body) && 'data' in body) {
    return (body as { data: unknown }).data;
  }
  return body;
}

/** Salesloft's own words from an error body: `{error}` or `{errors: {field: [..]}}`, on one line. */
export function errorMessage(body: unknown): string | undefined {
  if (!body || typeof body !== 'object')
    return typeof body === 'string' && body.trim() ? oneLine(body) : undefined;
  const { error, errors, message } = body as { error?: unknown; errors?: unknown; message?: unknown };
  if (typeof error === 'string') return oneLine(error);
  if (typeof message === 'string') return oneLine(message);
  if (Array.isArray(errors)) return oneLine(errors.map(String).join('; '));
  if (errors && typeof errors === 'object') {
    return oneLine(
      Object.entries(errors as Record<string, unknown>)
        .map(
          ([field, messages]) =>
            `${field}: ${Array.isArray(messages) ? messages.join(', ') : String(messages)}`,
        )
        .join('; '),
    );
  }
  return undefined;
}

export function apiErrorFor(status: number, body: unknown, location?: string): ApiError {
  if (status >= 300 && status < 400) {
    return new ApiError(
      status,
      location
        ? `Salesloft answered ${status}, a redirect to ${oneLine(location)}: the API URL is probably wrong (it is https://api.salesloft.com for Salesloft); redirects are not followed, so the API key goes nowhere else`
        : `Salesloft answered ${status}, a redirect with no Location: the API URL is probably wrong`,
    );
  }
  const detail = errorMessage(body);
  const what =
    status === 401
      ? 'Salesloft refused the API token (401)'
      : status === 403
        ? 'Salesloft denied permission (403)'
        : status === 404
          ? 'Not found in Salesloft (404)'
          : `Salesloft answered ${status}`;
  return new ApiError(status, detail ? `${what}: ${detail}` : what);
}

function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 300 ? `${line.slice(0, 297)}...` : line;
}
