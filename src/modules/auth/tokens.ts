import { LRUCache } from 'lru-cache';
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

/** The claims of a valid, unexpired token signed with `secret`, and its expiry; or null. */
function verifyWithExpiry(
  token: string,
  secret: KeyObject,
): { claims: TokenClaims; expiresAtMs: number } | null {
  try {
    const payload = jwt.verify(token, secret, { algorithms: ['HS256'] });
    if (typeof payload !== 'object' || !payload) return null;
    const { sub, org, sid } = payload as Partial<TokenClaims>;
    return typeof sub === 'string' && typeof org === 'string' && typeof sid === 'string'
      ? { claims: { sub, org, sid }, expiresAtMs: (payload.exp ?? 0) * 1000 }
      : null;
  } catch {
    return null;
  }
}

/** Tokens remembered at most; past it the least recently used are forgotten. */
const MAX_VERIFIED_TOKENS = 10_000;

/**
 * Verifies tokens, remembering the valid ones until they expire: a signed-in agent's
 * every keystroke brings the same token, and checking its signature each time costs more
 * than the rest of the caller's authentication. Whether the session still holds is not
 * remembered here (see CallerCache).
 */
export class TokenVerifier {
  private readonly valid = new LRUCache<string, TokenClaims>({
    max: MAX_VERIFIED_TOKENS,
    // expiry is wall-clock time, as in the token itself
    perf: { now: () => Date.now() },
    ttlResolution: 0,
  });

  constructor(private readonly secret: KeyObject) {}

  verify(token: string): TokenClaims | null {
    const known = this.valid.get(token);
    if (known) return known;
    const verified = verifyWithExpiry(token, this.secret);
    if (!verified) return null;
    const ttl = verified.expiresAtMs - Date.now();
    if (ttl > 0) this.valid.set(token, verified.claims, { ttl });
    return verified.claims;
  }

  /** When a valid token expires, in ms since the epoch; 0 for any other token. */
  expiryOf(token: string): number {
    return verifyWithExpiry(token, this.secret)?.expiresAtMs ?? 0;
  }
}
