/** The desk's session: the access token in a cookie page scripts cannot read. */
export const SESSION_COOKIE = 'fw_session';
/** What the desk sends with every request a cookie authenticates: proof it read our page. */
export const CSRF_HEADER = 'x-csrf-token';

/** A cookie's value from a Cookie header, or null. */
export function readCookie(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim() || null;
  }
  return null;
}

/**
 * The Set-Cookie value of a session: httpOnly, for the whole site. On the desk itself
 * SameSite=Lax (sent only by our own pages' requests); inside an agent desktop's iframe
 * the browser sends a cookie only when it is SameSite=None, and then only Secure and
 * Partitioned (kept apart per embedding site).
 */
export function sessionCookie(
  token: string,
  options: { expiresAt: Date; secure: boolean; embedded: boolean },
): string {
  const parts = [
    `${SESSION_COOKIE}=${token}`,
    'Path=/',
    'HttpOnly',
    `Max-Age=${Math.max(0, Math.floor((options.expiresAt.getTime() - Date.now()) / 1000))}`,
  ];
  if (options.embedded) parts.push('SameSite=None', 'Secure', 'Partitioned');
  else parts.push('SameSite=Lax', ...(options.secure ? ['Secure'] : []));
  return parts.join('; ');
}

/** Removes the session cookie, in either form. */
export function clearedSessionCookies(): string[] {
  return [
    `${SESSION_COOKIE}=; Path=/; HttpOnly; Max-Age=0; SameSite=Lax`,
    `${SESSION_COOKIE}=; Path=/; HttpOnly; Max-Age=0; SameSite=None; Secure; Partitioned`,
  ];
}
