import { createSecretKey, KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';

/** What an access token carries: the session (revocable) and whose it is. */
export interface TokenClaims {
  sub: string;
  org: string;
  sid: string;
}

/**
 * The signing key, made once: given a string, jsonwebtoken first tries (and fails) to
 * parse it as a public key on every call, which costs about a millisecond per request.
 */
export function tokenKey(secret: string): KeyObject {
  return createSecretKey(Buffer.from(secret, 'utf8'));
}

export function signToken(claims: TokenClaims, secret: KeyObject, expiresAt: Date): string {
  return jwt.sign({ ...claims, exp: Math.floor(expiresAt.getTime() / 1000) }, secret, {
    algorithm: 'HS256',
  });
}

/** The claims of a valid, unexpired token signed with `secret`, or null. */
export function verifyToken(token: string, secret: KeyObject): TokenClaims | null {
  try {
    const payload = jwt.verify(token, secret, { algorithms: ['HS256'] });
    if (typeof payload !== 'object' || !payload) return null;
    const { sub, org, sid } = payload as Partial<TokenClaims>;
    return typeof sub === 'string' && typeof org === 'string' && typeof sid === 'string'
      ? { sub, org, sid }
      : null;
  } catch {
    return null;
  }
}
