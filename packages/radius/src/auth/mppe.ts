import { sha1 } from './sha1.ts';

// RFC 3079 §3.4 constants.
const MASTER_MAGIC = Buffer.from('This is the MPPE Master Key', 'ascii');
const CLIENT_SEND_SERVER_RECV = Buffer.from(
  'On the client side, this is the send key; on the server side, it is the receive key.',
  'ascii',
);
const CLIENT_RECV_SERVER_SEND = Buffer.from(
  'On the client side, this is the receive key; on the server side, it is the send key.',
  'ascii',
);
const SHS_PAD1 = Buffer.alloc(40, 0x00);
const SHS_PAD2 = Buffer.alloc(40, 0xf2);

/** RFC 3079 §3.4 GetMasterKey. */
export function mppeMasterKey(passwordHashHash: Uint8Array, ntResponse: Uint8Array): Buffer {
  return sha1(passwordHashHash, ntResponse, MASTER_MAGIC).subarray(0, 16);
}

/** RFC 3079 §3.4 GetAsymmetricStartKey, from the point of view of the server (the RADIUS side). */
export function mppeAsymmetricStartKey(masterKey: Uint8Array, length: 8 | 16, isSend: boolean, isServer = true): Buffer {
  const magic = isSend === isServer ? CLIENT_RECV_SERVER_SEND : CLIENT_SEND_SERVER_RECV;
  return sha1(masterKey, SHS_PAD1, magic, SHS_PAD2).subarray(0, length);
}

/**
 * 128-bit MPPE keys of an MS-CHAPv2 session as the NAS needs them in
 * MS-MPPE-Send-Key / MS-MPPE-Recv-Key (RFC 2548 §2.4.2/§2.4.3): "send" is the
 * server's (NAS's) send key. The attributes' salt encryption is applied by
 * the codec (dictionary flag encrypt=2).
 */
export function mppeKeysV2(passwordHashHash: Uint8Array, ntResponse: Uint8Array): { sendKey: Buffer; recvKey: Buffer } {
  const master = mppeMasterKey(passwordHashHash, ntResponse);
  return { sendKey: mppeAsymmetricStartKey(master, 16, true), recvKey: mppeAsymmetricStartKey(master, 16, false) };
}

/**
 * MS-CHAPv1 MS-CHAP-MPPE-Keys value (RFC 2548 §2.4.1): 8 octets of LAN
 * Manager key (zeros: LM hashes are not kept) then 16 octets of key. Like
 * FreeRADIUS, the NT hash hash is sent, which is what NASes actually use.
 */
export function mppeKeysV1(passwordHashHash: Uint8Array): Buffer {
  const out = Buffer.alloc(24);
  out.set(passwordHashHash.subarray(0, 16), 8);
  return out;
}
