/**
 * Typed errors of the RADIUS library. Every failure the library reports on
 * untrusted input is a RadiusError subclass, so a server can catch one type
 * and silently drop the datagram (RFC 2865 §3: invalid packets are discarded).
 */
export class RadiusError extends Error {
  override readonly name: string = 'RadiusError';
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

export type DecodeErrorCode =
  | 'TOO_SHORT'
  | 'TOO_LONG'
  | 'INVALID_LENGTH'
  | 'TRUNCATED'
  | 'ATTRIBUTE_TRUNCATED'
  | 'ATTRIBUTE_LENGTH'
  | 'ATTRIBUTE_OVERFLOW'
  | 'INVALID_MESSAGE_AUTHENTICATOR'
  | 'INVALID_VALUE'
  | 'SECRET_REQUIRED';

/** A packet or attribute value that does not follow the wire format. */
export class RadiusDecodeError extends RadiusError {
  override readonly name = 'RadiusDecodeError';
  constructor(
    message: string,
    override readonly code: DecodeErrorCode,
    readonly offset?: number,
  ) {
    super(message, code);
  }
}

/** A value that cannot be put on the wire (too long, wrong type, unknown name). */
export class RadiusEncodeError extends RadiusError {
  override readonly name = 'RadiusEncodeError';
  constructor(message: string) {
    super(message, 'ENCODE');
  }
}

/** A dictionary file that cannot be parsed, or a lookup of an unknown name. */
export class RadiusDictionaryError extends RadiusError {
  override readonly name = 'RadiusDictionaryError';
  constructor(message: string) {
    super(message, 'DICTIONARY');
  }
}
