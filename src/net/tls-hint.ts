import { errorCode } from '../../packages/webhooks/src/net/errors.js';

const SELF_SIGNED = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
]);

/**
 * For a certificate Node does not trust (a dev server's own), what to do: the command's flag that
 * accepts it for a loopback target, or its CA in NODE_EXTRA_CA_CERTS. Undefined for other errors.
 */
export function untrustedCertificateHint(error: unknown, host: string, flag: string): string | undefined {
  const code = errorCode(error);
  if (!code || !SELF_SIGNED.has(code)) return undefined;
  return `${host}: its certificate is not trusted (${code}): pass ${flag} (loopback only), or trust its CA with NODE_EXTRA_CA_CERTS (mkcert -CAROOT)`;
}
