import { RadiusCode, codeName } from '../codec/codes.ts';
import type { AttributeList } from '../codec/encode.ts';
import type { RadiusPacket } from '../codec/packet.ts';
import { RadiusClient, type RadiusClientOptions, type RadiusTarget, type SendOptions } from './radius-client.ts';

/** RFC 5176 §3: Dynamic Authorization Server UDP port. */
export const COA_PORT = 3799;

export interface DynamicAuthResult {
  /** true for CoA-ACK / Disconnect-ACK. */
  readonly ok: boolean;
  readonly code: number;
  readonly codeName: string;
  /** RFC 5176 §3.5 Error-Cause number (e.g. 503 Session-Context-Not-Found), when sent. */
  readonly errorCause: number | undefined;
  readonly errorCauseName: string | undefined;
  readonly packet: RadiusPacket;
}

export type DynamicAuthTarget = Omit<RadiusTarget, 'port'> & { port?: number };

/**
 * Client for Change-of-Authorization and Disconnect-Messages (RFC 5176):
 * used to change a session's rate limit or disconnect it on the NAS. Replies
 * are verified (Response Authenticator and Message-Authenticator) before
 * being reported.
 */
export class CoaClient {
  private readonly client: RadiusClient;

  constructor(options: RadiusClientOptions = {}) {
    this.client = new RadiusClient(options);
  }

  /** Sends a CoA-Request (RFC 5176 §2.1); the attributes identify the session and carry the changes. */
  coa(target: DynamicAuthTarget, attributes: AttributeList, options?: SendOptions): Promise<DynamicAuthResult> {
    return this.request(RadiusCode.CoaRequest, target, attributes, options);
  }

  /** Sends a Disconnect-Request (RFC 5176 §2.1). */
  disconnect(target: DynamicAuthTarget, attributes: AttributeList, options?: SendOptions): Promise<DynamicAuthResult> {
    return this.request(RadiusCode.DisconnectRequest, target, attributes, options);
  }

  close(): void {
    this.client.close();
  }

  private async request(
    code: number,
    target: DynamicAuthTarget,
    attributes: AttributeList,
    options?: SendOptions,
  ): Promise<DynamicAuthResult> {
    const packet = await this.client.send(code, attributes, { ...target, port: target.port ?? COA_PORT }, options);
    const errorCause = packet.has('Error-Cause') ? packet.getNumber('Error-Cause') : undefined;
    const name = packet.has('Error-Cause') ? packet.getString('Error-Cause') : undefined;
    return {
      ok: packet.code === RadiusCode.CoaAck || packet.code === RadiusCode.DisconnectAck,
      code: packet.code,
      codeName: codeName(packet.code),
      errorCause,
      errorCauseName: name,
      packet,
    };
  }
}
