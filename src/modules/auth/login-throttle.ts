import { FailureCount } from './login-failures.repository.js';

export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
/** Guessing one account's password from one address. */
export const MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS = 5;
/**
 * Guessing at accounts that do not exist from one address. Only those failures count
 * here: a contact center signs a whole floor in from one NAT address, so failures on
 * made-up emails must never lock its real agents out.
 */
export const MAX_UNKNOWN_ACCOUNT_FAILURES_PER_ADDRESS = 50;

/** Failures on accounts that do not exist share one key, and keep no guessed email. */
export const UNKNOWN_ACCOUNT = 'unknown';
export const accountKey = (organizationId: string, userId: string) => `${organizationId}/${userId}`;

/** How long the caller must wait before trying again, or 0 when they may try now. */
export function retryAfterMs(failures: FailureCount, limit: number, now = new Date()): number {
  if (failures.count < limit || !failures.oldest) return 0;
  return Math.max(0, failures.oldest.getTime() + THROTTLE_WINDOW_MS - now.getTime());
}
