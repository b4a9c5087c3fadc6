/** Packet type codes: RFC 2865 §3, RFC 2866 §3, RFC 5997, RFC 5176 §3. */
export const RadiusCode = {
  AccessRequest: 1,
  AccessAccept: 2,
  AccessReject: 3,
  AccountingRequest: 4,
  AccountingResponse: 5,
  AccessChallenge: 11,
  StatusServer: 12,
  StatusClient: 13,
  DisconnectRequest: 40,
  DisconnectAck: 41,
  DisconnectNak: 42,
  CoaRequest: 43,
  CoaAck: 44,
  CoaNak: 45,
} as const;

export type RadiusCodeName = keyof typeof RadiusCode;

const NAMES = new Map<number, string>([
  [1, 'Access-Request'],
  [2, 'Access-Accept'],
  [3, 'Access-Reject'],
  [4, 'Accounting-Request'],
  [5, 'Accounting-Response'],
  [11, 'Access-Challenge'],
  [12, 'Status-Server'],
  [13, 'Status-Client'],
  [40, 'Disconnect-Request'],
  [41, 'Disconnect-ACK'],
  [42, 'Disconnect-NAK'],
  [43, 'CoA-Request'],
  [44, 'CoA-ACK'],
  [45, 'CoA-NAK'],
]);

/** Human name of a packet code, e.g. 'Access-Accept'; 'Code-N' when unknown. */
export function codeName(code: number): string {
  return NAMES.get(code) ?? `Code-${code}`;
}

/**
 * Requests whose Request Authenticator is an MD5 over the packet and the
 * secret rather than random: RFC 2866 §3 (accounting), RFC 5176 §2.3 (CoA/DM).
 * For these, Message-Authenticator is computed with a zeroed authenticator
 * field (RFC 5176 §3.2; FreeRADIUS does the same for accounting).
 */
export function hasComputedRequestAuthenticator(code: number): boolean {
  return code === RadiusCode.AccountingRequest || code === RadiusCode.CoaRequest || code === RadiusCode.DisconnectRequest;
}

/** Codes sent by a client (as opposed to replies). */
export function isRequestCode(code: number): boolean {
  return code === 1 || code === 4 || code === 12 || code === 13 || code === 40 || code === 43;
}

export const HEADER_LENGTH = 20;
/** RFC 2865 §3: maximum packet length. */
export const MAX_PACKET_LENGTH = 4096;

/**
 * What stands in the authenticator field while Message-Authenticator is
 * computed. Requests with an MD5 authenticator and Accounting-Response use 16
 * zero octets: RFC 5176 §3.2 for CoA/DM requests, and FreeRADIUS (the de facto
 * reference, verified here with radclient) for accounting packets. Other
 * responses use the request's authenticator (RFC 2869 §5.14, RFC 5176 §3.2);
 * an Accounting-Response to Status-Server (RFC 5997 §3) does too.
 */
export function messageAuthenticatorUsesZeroField(code: number, requestCode?: number): boolean {
  if (code === RadiusCode.AccountingResponse) return requestCode !== RadiusCode.StatusServer;
  return hasComputedRequestAuthenticator(code);
}
