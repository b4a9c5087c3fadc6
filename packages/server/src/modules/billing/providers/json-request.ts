import { networkFailure } from '../../../platform/net/network-failure.ts';
import { GatewayAnswerError, GatewayUnreachableError } from './gateway.ts';

type Init = { method: 'GET' | 'POST'; headers: Record<string, string>; body?: string; signal: AbortSignal };
type Fetch = (url: string, init: Init) => Promise<{ ok: boolean; status: number; text(): Promise<string> }>;

/**
 * One JSON request to a gateway's REST API (for gateways without an SDK), its failures sorted
 * into the gateway errors: no answer, an error answer, or an answer that is not JSON.
 */
export async function jsonRequest<T>(fetch: Fetch, gateway: string, what: string, url: string, init: Init): Promise<T> {
  const unreachable = (err: unknown) => {
    if ((err as { cause?: { code?: unknown } } | null)?.cause?.code === 'UND_ERR_RES_EXCEEDED_MAX_SIZE') return new GatewayAnswerError(`${gateway} ${what} answered with a body too large to be an API answer`);
    const why = networkFailure(err);
    return why ? new GatewayUnreachableError(`${gateway} could not be reached: ${why}`, { cause: err }) : err;
  };
  let status: number;
  let text: string;
  try {
    const res = await fetch(url, init);
    status = res.status;
    text = await res.text();
    if (!res.ok) throw new GatewayAnswerError(`${gateway} ${what} answered ${res.status}: ${text.slice(0, 300)}`, res.status);
  } catch (err) {
    throw unreachable(err);
  }
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new GatewayAnswerError(`${gateway} ${what} answered ${status} with a body that is not JSON`, status);
  }
}
