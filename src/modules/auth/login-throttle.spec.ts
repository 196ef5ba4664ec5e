import { describe, expect, it } from '@jest/globals';
import { THROTTLE_WINDOW_MS, retryAfterMs } from './login-throttle.js';

describe('retryAfterMs', () => {
  const now = new Date('2026-01-01T12:00:00Z');
  const failures = (count: number, minutesAgo: number) => ({
    count,
    oldest: new Date(now.getTime() - minutesAgo * 60_000),
  });

  it('lets the caller try while under the limit', () => {
    expect(retryAfterMs(failures(4, 1), 5, now)).toBe(0);
    expect(retryAfterMs({ count: 0, oldest: null }, 5, now)).toBe(0);
  });
  it('waits until the oldest failure in the window ages out', () => {
    expect(retryAfterMs(failures(5, 5), 5, now)).toBe(THROTTLE_WINDOW_MS - 5 * 60_000);
    expect(retryAfterMs(failures(50, 14), 50, now)).toBe(THROTTLE_WINDOW_MS - 14 * 60_000);
    expect(retryAfterMs(failures(50, 16), 50, now)).toBe(0);
  });
});
