import { createHash, randomBytes } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';
import type { Role } from './permissions.ts';

export const accessTokenTtlSeconds = 15 * 60;
export const refreshTokenTtlSeconds = 30 * 24 * 3600;

export type AccessClaims = {
  sub: string;
  kind: 'founder' | 'user' | 'subscriber';
  role: Role;
  isp: string | null;
  branch: string | null;
  email: string;
  /** The ISP requires MFA and this user has not enrolled: only enrolment is allowed. */
  mfa_setup?: boolean;
};

export class TokenSigner {
  constructor(private readonly secret: Uint8Array) {}

  sign(claims: AccessClaims): Promise<string> {
    const { sub, ...rest } = claims;
    return new SignJWT(rest)
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(sub)
      .setIssuedAt()
      .setIssuer('astranetix')
      .setExpirationTime(`${accessTokenTtlSeconds}s`)
      .sign(this.secret);
  }

  async verify(token: string): Promise<AccessClaims | null> {
    try {
      const { payload } = await jwtVerify(token, this.secret, { issuer: 'astranetix', algorithms: ['HS256'] });
      if (typeof payload.sub !== 'string') return null;
      return payload as unknown as AccessClaims;
    } catch {
      return null;
    }
  }
}

/** Opaque random tokens (refresh, reset, API keys) are stored only as their SHA-256. */
export const newOpaqueToken = (bytes = 32): string => randomBytes(bytes).toString('base64url');
export const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex');
