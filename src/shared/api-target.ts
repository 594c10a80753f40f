import type { ResolvedConfig } from './config.js';
import { UsageError } from './errors.js';
import { isLoopbackUrl } from './urls.js';

/**
 * Where the API key may be sent. A `.env` in the working directory belongs to whoever wrote the
 * checkout: its API URL is used only with a key from the same file, never with the user's own
 * key from a flag or the environment. A key travels over https, or over http to this machine.
 */
export function checkApiTarget(config: ResolvedConfig & { apiKey: string }): void {
  const { apiUrl, sources } = config;
  if (sources.apiUrl === '.env' && sources.apiKey !== '.env') {
    const where =
      sources.apiKey === 'flag'
        ? '--api-key flag'
        : sources.apiKey === 'profile'
          ? 'stored login'
          : 'environment';
    throw new UsageError(
      `${config.dotEnvFile} sets SALESLOFT_API_URL but your API key comes from the ${where}: the key is not sent to a URL from that file. Put the key in the same .env, or give the URL with --api-url or SALESLOFT_API_URL.`,
      'dotenv_api_url',
    );
  }
  let url: URL;
  try {
    url = new URL(apiUrl);
  } catch {
    throw new UsageError(
      `The API URL "${apiUrl}" is not a URL (expected https://api.salesloft.com).`,
      'bad_api_url',
    );
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackUrl(apiUrl))) {
    throw new UsageError(
      `The API URL ${apiUrl} is not https: the API key is only sent over https, or over http to this machine (the emulator).`,
      'insecure_api_url',
    );
  }
  if ([...config.apiKey].some((char) => char <= ' ' || char === '\u007f')) {
    throw new UsageError(
      'The API key holds a space, line break or control character: check how it was copied.',
      'bad_api_key',
    );
  }
  // An HTTP header carries Latin-1 at most; Salesloft's keys are ASCII (a pasted "smart" quote is not).
  if ([...config.apiKey].some((char) => char > '\u00ff')) {
    throw new UsageError(
      'The API key holds a character outside Latin-1 (a curly quote or dash from a document?): check how it was copied.',
      'bad_api_key',
    );
  }
}
