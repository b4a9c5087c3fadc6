/**
 * @astranetix/radius — RADIUS protocol library: codec, dictionaries,
 * authentication methods, duplicate detection and a CoA/DM client.
 * Node built-ins only.
 */

// Errors
export { RadiusError, RadiusDecodeError, RadiusEncodeError, RadiusDictionaryError, type DecodeErrorCode } from './errors.ts';

// Dictionary
export { Dictionary, type AttributeOptions } from './dictionary/dictionary.ts';
export type { AttributeDef, AttributeSpace, AttributeType, EncryptMethod, VendorDef } from './dictionary/types.ts';
export { parseDictionary, type IncludeResolver, type ParseOptions, type ParseResult } from './dictionary/parser.ts';
export { createDefaultDictionary, defaultDictionary } from './dictionary/default.ts';
export { loadDictionaryFile } from './dictionary/file-loader.ts';
export { BUILTIN_DICTIONARIES, type BuiltinDictionary } from './dictionary/builtin/index.ts';

// Codec
export {
  RadiusCode,
  codeName,
  isRequestCode,
  hasComputedRequestAuthenticator,
  messageAuthenticatorUsesZeroField,
  MAX_PACKET_LENGTH,
  type RadiusCodeName,
} from './codec/codes.ts';
export { RadiusPacket, decodePacket, type DecodeOptions, type TaggedValue } from './codec/packet.ts';
export type { RawAttribute } from './codec/decode.ts';
export type { AttributeValue } from './codec/values.ts';
export { decodeValue, encodeValue } from './codec/values.ts';
export type { AttributeInput, AttributeList } from './codec/encode.ts';
export {
  encodeRequest,
  encodeResponse,
  createResponse,
  type RequestOptions,
  type ResponseOptions,
  type EncodedRequest,
} from './codec/build.ts';
export {
  verifyRequest,
  verifyRequestAuthenticator,
  verifyMessageAuthenticator,
  verifyResponse,
  type RequestCheck,
  type RequestCheckOptions,
} from './codec/verify.ts';
export { computeRequestAuthenticator, computeResponseAuthenticator, computeMessageAuthenticator } from './codec/authenticator.ts';
export { hidePassword, unhidePassword } from './codec/user-password.ts';
export { saltEncrypt, saltDecrypt } from './codec/salt-crypt.ts';
export { formatIPv4, formatIPv6, parseIPv4, parseIPv6 } from './codec/ip.ts';

// Authentication methods
export { papPassword, verifyPap } from './auth/pap.ts';
export { chapResponse, verifyChap } from './auth/chap.ts';
export { verifyMsChap, type MsChapCredentials, type MsChapOptions, type MsChapResult } from './auth/mschap-verify.ts';
export {
  ntPasswordHash,
  hashNtPasswordHash,
  challengeResponse,
  challengeHash,
  generateNtResponse,
  generateAuthenticatorResponse,
  mschapUserName,
} from './auth/mschap.ts';
export { mppeMasterKey, mppeAsymmetricStartKey, mppeKeysV1, mppeKeysV2 } from './auth/mppe.ts';
export { chapAttributes, msChapV1Attributes, msChapV2Attributes } from './auth/request-builders.ts';
export { EapCode, EapType, parseEap, buildEap, type EapPacket } from './auth/eap.ts';
export {
  EapMd5Server,
  buildMd5Challenge,
  buildMd5Response,
  type EapMd5Options,
  type EapReply,
  type PasswordLookup,
} from './auth/eap-md5.ts';
export { md4 } from './auth/md4.ts';
export { desEncryptBlock, expandDesKey } from './auth/des.ts';
export { secretEquals } from './auth/compare.ts';

// Duplicate detection
export { DedupCache, type DedupOptions, type DedupResult } from './dedup/dedup-cache.ts';

// Clients
export { IdentifierAllocator } from './client/id-allocator.ts';
export { RadiusClient, RadiusTimeoutError, type RadiusClientOptions, type RadiusTarget, type SendOptions } from './client/radius-client.ts';
export { CoaClient, COA_PORT, type DynamicAuthResult, type DynamicAuthTarget } from './client/coa-client.ts';
