import { describe, expect, it } from '@jest/globals';
import { addDays, isTimeZone, weekdayOf, zonedInstant } from './time-zone.js';

describe('time zones', () => {
  it('knows IANA names only', () => {
    expect(isTimeZone('Asia/Tehran')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });

  it('finds the instant of a local time, in and out of summer time', () => {
    expect(zonedInstant('2026-01-15', 9 * 60, 'Europe/Helsinki').toISOString()).toBe(
      '2026-01-15T07:00:00.000Z',
    );
    expect(zonedInstant('2026-07-15', 9 * 60, 'Europe/Helsinki').toISOString()).toBe(
      '2026-07-15T06:00:00.000Z',
    );
    expect(zonedInstant('2026-07-15', 0, 'Asia/Tehran').toISOString()).toBe(
      '2026-07-14T20:30:00.000Z',
    );
    expect(zonedInstant('2026-11-30', 24 * 60, 'UTC').toISOString()).toBe(
      '2026-12-01T00:00:00.000Z',
    );
  });

  it('puts a time the clock skips after the change', () => {
    // Helsinki's clocks go from 03:00 to 04:00 on 29 March 2026
    expect(zonedInstant('2026-03-29', 3 * 60 + 30, 'Europe/Helsinki').toISOString()).toBe(
      '2026-03-29T01:30:00.000Z',
    );
  });

  it('counts days and weekdays', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2026-03-01', -7)).toBe('2026-02-22');
    expect(weekdayOf('2026-11-30')).toBe(0);
    expect(weekdayOf('2026-12-06')).toBe(6);
  });
});
