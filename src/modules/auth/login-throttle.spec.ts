import { describe, expect, it } from '@jest/globals';
import {
  MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS,
  MAX_FAILURES_PER_ADDRESS,
  THROTTLE_WINDOW_MS,
  retryAfterMs,
} from './login-throttle.js';

describe('retryAfterMs', () => {
  const now = new Date('2026-01-01T12:00:00Z');
  const none = { count: 0, oldest: null };
  const failures = (count: number, minutesAgo: number) => ({
    count,
    oldest: new Date(now.getTime() - minutesAgo * 60_000),
  });

  it('lets the caller try while under both limits', () => {
    expect(
      retryAfterMs(
        failures(MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS - 1, 1),
        failures(MAX_FAILURES_PER_ADDRESS - 1, 1),
        now,
      ),
    ).toBe(0);
  });
  it('waits until the oldest failure in the window ages out', () => {
    expect(retryAfterMs(failures(MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS, 5), none, now)).toBe(
      THROTTLE_WINDOW_MS - 5 * 60_000,
    );
    expect(retryAfterMs(none, failures(MAX_FAILURES_PER_ADDRESS, 14), now)).toBe(
      THROTTLE_WINDOW_MS - 14 * 60_000,
    );
  });
});
