import { OutboundRefusedError } from './outbound-http.ts';

// Codes of Node's sockets and DNS and of undici for a peer that could not be reached or went
// away: not an answer from the peer, whatever library wrapped them.
const unreachableCodes = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'EHOSTDOWN', 'ENETUNREACH', 'ENETDOWN',
  'ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME', 'CERT_HAS_EXPIRED', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'ERR_TLS_CERT_ALTNAME_INVALID', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED',
]);

/**
 * The reason a request never got an answer (connection refused, name not found, timed out,
 * address refused by the outbound policy), or null when the error is something else. Follows
 * `cause` chains: fetch wraps the socket's error in "fetch failed".
 */
export function networkFailure(err: unknown): string | null {
  let e: unknown = err;
  for (let i = 0; i < 5 && e && typeof e === 'object'; i++) {
    if (e instanceof OutboundRefusedError) return e.reason;
    const { code, name, message } = e as { code?: unknown; name?: unknown; message?: unknown };
    if (typeof code === 'string' && unreachableCodes.has(code)) return typeof message === 'string' && message ? message : code;
    if (name === 'TimeoutError') return 'timed out';
    e = (e as { cause?: unknown }).cause;
  }
  return null;
}
