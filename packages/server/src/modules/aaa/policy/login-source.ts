import type { RadiusPacket } from '@astranetix/radius';
import type { Decision } from './authorize.ts';
import type { AaaNas } from './policy.ts';

/** A login source's decision, with the name the post-auth log shows instead of the User-Name ("voucher 0003-00042"). */
export type SourcedDecision = Decision & { logName: string };

/**
 * Logins that are no subscriber, such as hotspot voucher PINs. The AAA server asks a source
 * only for a User-Name that is no subscriber, so subscribers' Access-Requests never wait on
 * it. The aaa module owns this interface; a higher module implements it (vouchers) and the
 * composition root plugs it in, so aaa knows nothing of the modules above it.
 */
export interface LoginSource {
  /** The decision for this login, or null when the source does not know the User-Name. */
  authorize(packet: RadiusPacket, nas: AaaNas, username: string, now: Date): Promise<SourcedDecision | null>;
}
