import { FailureCount } from './login-failures.repository.js';

export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
/** Guessing one account's password from one address. */
export const MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS = 5;
/** Guessing many accounts from one address. There is no limit per account alone: anyone could lock an agent out. */
export const MAX_FAILURES_PER_ADDRESS = 50;

/** How long the caller must wait before trying again, or 0 when they may try now. */
export function retryAfterMs(
  forAccount: FailureCount,
  forAddress: FailureCount,
  now = new Date(),
): number {
  const waits = [
    [forAccount, MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS],
    [forAddress, MAX_FAILURES_PER_ADDRESS],
  ] as const;
  let wait = 0;
  for (const [failures, limit] of waits) {
    if (failures.count >= limit && failures.oldest) {
      wait = Math.max(wait, failures.oldest.getTime() + THROTTLE_WINDOW_MS - now.getTime());
    }
  }
  return Math.max(0, wait);
}
