import type { Logger } from 'pino';
import { QuietLog } from '../../../platform/log/quiet-log.ts';
import { HttpProblem } from '../../../platform/http/errors.ts';
import { GatewayAnswerError, GatewayConfigError, GatewayUnreachableError, type GatewayAdapter } from '../providers/gateway.ts';

const QUIET_MS = 5 * 60_000;
type Failure = { gateway: string; isp_id: string; reason: string };
const quietLogs = new WeakMap<object, QuietLog<Failure>>();

/**
 * One warning per gateway, ISP and kind of failure every five minutes, and then how many more
 * there were: an outage at Stripe must not write a stack trace per payer who clicks Pay.
 */
function quietFor(log: Pick<Logger, 'warn'>): QuietLog<Failure> {
  let q = quietLogs.get(log);
  if (!q) {
    q = new QuietLog<Failure>(log, QUIET_MS, (_key, count, last) => [{ ...last, failures_not_logged: count }, `${last.gateway}: ${count} more failures in ${QUIET_MS / 60_000} min`]);
    quietLogs.set(log, q);
  }
  return q;
}

/**
 * What a failure at the gateway means for the caller: the gateway could not be reached (503,
 * retry later; a webhook's sender retries too), it answered with an error (502), or the ISP's
 * settings for it are incomplete (409). Anything else is unexpected and passes unchanged.
 */
export function gatewayProblem(log: Pick<Logger, 'warn'>, adapter: GatewayAdapter, ispId: string, err: unknown): unknown {
  const fields = { gateway: adapter.provider, isp_id: ispId, reason: err instanceof Error ? err.message : String(err) };
  if (err instanceof GatewayUnreachableError) {
    quietFor(log).warn(`${adapter.provider}:${ispId}:unreachable`, fields, `${adapter.displayName} could not be reached`);
    return new HttpProblem(503, 'Service Unavailable', `${err.message.replace(/\.$/, '')}. Try again later.`, { gateway: adapter.provider });
  }
  if (err instanceof GatewayAnswerError) {
    quietFor(log).warn(`${adapter.provider}:${ispId}:answer`, fields, `${adapter.displayName} answered with an error`);
    // The gateway's own words stay in the log: they may name the ISP's account.
    return new HttpProblem(502, 'Bad Gateway', `${adapter.displayName} answered with an error${err.status ? ` (HTTP ${err.status})` : ''}`, { gateway: adapter.provider });
  }
  if (err instanceof GatewayConfigError) return new HttpProblem(409, 'Conflict', `${adapter.displayName} is not set up completely: ${err.message}`, { gateway: adapter.provider });
  return err;
}

/** Runs one call to the gateway, a failure there turned into its problem. */
export async function atGateway<T>(log: Pick<Logger, 'warn'>, adapter: GatewayAdapter, ispId: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    throw gatewayProblem(log, adapter, ispId, err);
  }
}
