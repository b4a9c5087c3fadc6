/** EAP packet framing (RFC 3748 §4), as carried in RADIUS EAP-Message (RFC 3579 §3.1). */

export const EapCode = { Request: 1, Response: 2, Success: 3, Failure: 4 } as const;
export const EapType = { Identity: 1, Notification: 2, Nak: 3, Md5Challenge: 4 } as const;

export interface EapPacket {
  readonly code: number;
  readonly identifier: number;
  /** Present for Request/Response (RFC 3748 §4.1). */
  readonly type: number | undefined;
  /** Type-Data (a view on the input). */
  readonly data: Buffer;
}

/** Parses an EAP packet; undefined when malformed (RFC 3748 §4: Length must fit the data received). */
export function parseEap(buf: Buffer | undefined): EapPacket | undefined {
  if (!buf || buf.length < 4) return undefined;
  const code = buf[0]!;
  const length = buf.readUInt16BE(2);
  if (length < 4 || length > buf.length) return undefined;
  if (code === EapCode.Success || code === EapCode.Failure) {
    return { code, identifier: buf[1]!, type: undefined, data: buf.subarray(4, length) };
  }
  if ((code !== EapCode.Request && code !== EapCode.Response) || length < 5) return undefined;
  return { code, identifier: buf[1]!, type: buf[4]!, data: buf.subarray(5, length) };
}

export function buildEap(code: number, identifier: number, type?: number, data: Uint8Array = new Uint8Array(0)): Buffer {
  const hasType = type !== undefined;
  const out = Buffer.allocUnsafe(4 + (hasType ? 1 : 0) + data.length);
  out[0] = code;
  out[1] = identifier & 0xff;
  out.writeUInt16BE(out.length, 2);
  if (hasType) out[4] = type;
  out.set(data, hasType ? 5 : 4);
  return out;
}
