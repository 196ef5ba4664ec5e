import { describe, expect, it, jest } from '@jest/globals';
import { TokenVerifier, signToken, tokenKey } from './tokens.js';

describe('token verifier', () => {
  const key = tokenKey('a secret of at least thirty-two characters');
  const claims = { sub: 'user', org: 'org', sid: 'session' };

  it('accepts a valid token, again from memory, and not once it expires', () => {
    const verifier = new TokenVerifier(key);
    const token = signToken(claims, key, new Date(Date.now() + 60_000));
    expect(verifier.verify(token)).toEqual(claims);
    expect(verifier.verify(token)).toEqual(claims);
    const later = jest.spyOn(Date, 'now').mockReturnValue(Date.now() + 61_000);
    try {
      expect(verifier.verify(token)).toBeNull();
    } finally {
      later.mockRestore();
    }
  });

  it('refuses a token signed with another key, tampered with or expired', () => {
    const verifier = new TokenVerifier(key);
    const inAMinute = new Date(Date.now() + 60_000);
    const other = signToken(
      claims,
      tokenKey('another secret of thirty-two characters!'),
      inAMinute,
    );
    expect(verifier.verify(other)).toBeNull();
    const token = signToken(claims, key, inAMinute);
    const [header, , signature] = token.split('.');
    const payload = Buffer.from(JSON.stringify({ ...claims, sub: 'admin', exp: 9e9 })).toString(
      'base64url',
    );
    expect(verifier.verify(`${header}.${payload}.${signature}`)).toBeNull();
    expect(verifier.verify(signToken(claims, key, new Date(Date.now() - 1000)))).toBeNull();
  });
});
