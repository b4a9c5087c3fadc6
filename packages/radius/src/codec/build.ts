import { randomBytes } from 'node:crypto';
import { defaultDictionary } from '../dictionary/default.ts';
import type { Dictionary } from '../dictionary/dictionary.ts';
import { messageAuthenticatorInto, requestAuthenticatorInto, responseAuthenticatorInto, ZERO16 } from './authenticator.ts';
import { HEADER_LENGTH, RadiusCode, hasComputedRequestAuthenticator, messageAuthenticatorUsesZeroField } from './codes.ts';
import { writeAttributes, type AttributeInput, type AttributeList, type EncodeContext } from './encode.ts';
import type { RadiusPacket } from './packet.ts';

/** One scratch buffer for all encodes: encoding is synchronous, and the result is copied out at its exact size. */
const scratch = Buffer.allocUnsafe(4096);

export interface RequestOptions {
  code: number;
  identifier: number;
  attributes?: AttributeList;
  secret: string | Buffer;
  /** Access-Request / Status-Server only: a given Request Authenticator (default: 16 random octets). */
  authenticator?: Buffer;
  /**
   * Add Message-Authenticator (placed first). Default: on for Access-Request,
   * Status-Server (RFC 5997 §3), CoA and Disconnect requests; off for accounting.
   */
  messageAuthenticator?: boolean;
  dictionary?: Dictionary;
}

export interface EncodedRequest {
  packet: Buffer;
  /** The Request Authenticator sent, needed to verify the response. */
  authenticator: Buffer;
}

/**
 * The first `length` octets of the scratch buffer in a Buffer of their own (from the pool). A
 * loop rather than scratch.copy(), which makes a view object for a partial copy in Node 20.
 */
function copyOut(length: number): Buffer {
  const packet = Buffer.allocUnsafe(length);
  for (let i = 0; i < length; i++) packet[i] = scratch[i]!;
  return packet;
}

function writeHeader(code: number, identifier: number, length: number, authenticator: Buffer, authStart = 0, authEnd = authenticator.length): void {
  scratch[0] = code;
  scratch[1] = identifier & 0xff;
  scratch.writeUInt16BE(length, 2);
  for (let i = authStart; i < authEnd; i++) scratch[4 + i - authStart] = authenticator[i]!;
}

function writeMessageAuthenticatorPlaceholder(pos: number): number {
  scratch[pos] = 80;
  scratch[pos + 1] = 18;
  ZERO16.copy(scratch, pos + 2);
  return pos + 18;
}

/**
 * Builds a request. Access-Request/Status-Server get a random Request
 * Authenticator (RFC 2865 §3); Accounting/CoA/Disconnect requests get the
 * MD5 one of RFC 2866 §3 / RFC 5176 §2.3, computed after Message-Authenticator
 * (which covers a zeroed authenticator field, RFC 5176 §3.2).
 */
export function encodeRequest(options: RequestOptions): EncodedRequest {
  const { code, identifier, secret } = options;
  const dictionary = options.dictionary ?? defaultDictionary();
  const computed = hasComputedRequestAuthenticator(code);
  const addMa = options.messageAuthenticator ?? code !== RadiusCode.AccountingRequest;
  const requestAuth = computed ? ZERO16 : (options.authenticator ?? randomBytes(16));
  let pos = HEADER_LENGTH;
  if (addMa) pos = writeMessageAuthenticatorPlaceholder(pos);
  pos = writeAttributes(options.attributes ?? [], { dictionary, secret, cryptAuthenticator: requestAuth }, scratch, pos);
  writeHeader(code, identifier, pos, requestAuth);
  const packet = copyOut(pos);
  if (addMa) messageAuthenticatorInto(packet, HEADER_LENGTH + 2, requestAuth, 0, requestAuth.length, secret, packet, HEADER_LENGTH + 2);
  if (computed) requestAuthenticatorInto(packet, secret, packet, 4);
  return { packet, authenticator: packet.subarray(4, 20) };
}

export interface ResponseOptions {
  code: number;
  identifier: number;
  /** The Request Authenticator of the request being answered. */
  requestAuthenticator: Buffer;
  attributes?: AttributeList;
  secret: string | Buffer;
  dictionary?: Dictionary;
  /** Code of the request answered; only matters for Accounting-Response to Status-Server. */
  requestCode?: number;
}

/**
 * Builds a response with Message-Authenticator as the FIRST attribute, the
 * Blast-RADIUS (CVE-2024-3596) mitigation: an attacker cannot craft an MD5
 * prefix collision when the HMAC'd attribute comes before any chosen data.
 * Then the Response Authenticator of RFC 2865 §3 / RFC 2866 §4 / RFC 5176 §2.3.
 */
export function encodeResponse(options: ResponseOptions): Buffer {
  const auth = options.requestAuthenticator;
  return response(options.code, options.identifier, auth, 0, auth.length, options.attributes ?? NONE, options.secret,
    options.dictionary ?? defaultDictionary(), options.requestCode);
}

const NONE: readonly AttributeInput[] = Object.freeze([]);

/**
 * encodeResponse with its options as arguments, and the Request Authenticator as a range of
 * `auth` (for createResponse, the request's own octets): this runs for every reply a server sends.
 */
function response(code: number, identifier: number, auth: Buffer, authStart: number, authEnd: number, attributes: AttributeList,
  secret: string | Buffer, dictionary: Dictionary, requestCode: number | undefined): Buffer {
  let pos = writeMessageAuthenticatorPlaceholder(HEADER_LENGTH);
  pos = writeAttributes(attributes, new ResponseContext(dictionary, secret, auth, authStart, authEnd), scratch, pos);
  writeHeader(code, identifier, pos, auth, authStart, authEnd);
  const packet = copyOut(pos);
  // RFC 2869 §5.14: a response's HMAC is computed with the request's authenticator in place (zeros for accounting).
  if (messageAuthenticatorUsesZeroField(code, requestCode)) messageAuthenticatorInto(packet, HEADER_LENGTH + 2, ZERO16, 0, 16, secret, packet, HEADER_LENGTH + 2);
  else messageAuthenticatorInto(packet, HEADER_LENGTH + 2, auth, authStart, authEnd, secret, packet, HEADER_LENGTH + 2);
  responseAuthenticatorInto(packet, auth, authStart, authEnd, secret, packet, 4);
  return packet;
}

/** Makes the authenticator a Buffer of its own only for an attribute that is encrypted with it. */
class ResponseContext implements EncodeContext {
  constructor(
    readonly dictionary: Dictionary,
    readonly secret: string | Buffer,
    private readonly auth: Buffer,
    private readonly authStart: number,
    private readonly authEnd: number,
  ) {}

  get cryptAuthenticator(): Buffer {
    return this.authStart === 0 && this.authEnd === this.auth.length ? this.auth : this.auth.subarray(this.authStart, this.authEnd);
  }
}

/**
 * The reply to `request`: same identifier, Message-Authenticator first, then
 * `attributes`, then the request's Proxy-State attributes copied unmodified
 * and in order (RFC 2865 §5.33).
 */
export function createResponse(request: RadiusPacket, code: number, attributes: AttributeList, secret: string | Buffer): Buffer {
  let reply: AttributeList = attributes;
  // The request's attributes are only split when it has Proxy-State (usually it has none).
  if (request.valueOffset(33) >= 0) {
    const proxyStates: AttributeInput[] = [];
    for (const a of request.attributes) if (a.type === 33 && a.vendorId === 0) proxyStates.push({ type: 33, value: a.value });
    const own: AttributeInput[] = [];
    if (Array.isArray(attributes)) own.push(...(attributes as readonly AttributeInput[]));
    else
      for (const [name, value] of Object.entries(attributes)) for (const v of Array.isArray(value) ? value : [value]) own.push([name, v]);
    reply = [...own, ...proxyStates];
  }
  return response(code, request.identifier, request.raw, 4, 20, reply, secret, request.dictionary, request.code);
}
