import { describe, expect, it } from '@jest/globals';
import { readCookie, sessionCookie } from './session-cookies.js';

describe('session cookies', () => {
  it('reads one cookie among several', () => {
    expect(readCookie('a=1; fw_session=abc.def; b=2', 'fw_session')).toBe('abc.def');
    expect(readCookie('fw_sessionx=1', 'fw_session')).toBeNull();
    expect(readCookie(undefined, 'fw_session')).toBeNull();
  });

  it('keeps the desk’s cookie Lax and the embedded one None, Secure and Partitioned', () => {
    const expiresAt = new Date(Date.now() + 3600_000);
    const desk = sessionCookie('t', { expiresAt, secure: false, embedded: false });
    expect(desk).toMatch(/^fw_session=t; Path=\/; HttpOnly; Max-Age=(3599|3600); SameSite=Lax$/);
    const embedded = sessionCookie('t', { expiresAt, secure: false, embedded: true });
    expect(embedded).toContain('SameSite=None; Secure; Partitioned');
  });
});
