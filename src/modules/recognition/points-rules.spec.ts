import { describe, expect, it } from '@jest/globals';
import { capped, periodStart, periodsOf } from './points-rules.js';

describe('periodsOf', () => {
  it('counts the day, ISO week and month in the organization’s time zone', () => {
    const at = new Date('2026-11-29T23:30:00Z'); // Sunday in UTC, Monday in Helsinki
    expect(periodsOf(at, 'UTC')).toEqual({
      day: '2026-11-29',
      week: 'W2026-48',
      month: 'M2026-11',
    });
    expect(periodsOf(at, 'Europe/Helsinki')).toEqual({
      day: '2026-11-30',
      week: 'W2026-49',
      month: 'M2026-11',
    });
  });

  it('puts the first days of January in the previous year’s last week when ISO says so', () => {
    expect(periodsOf(new Date('2027-01-01T12:00:00Z'), 'UTC').week).toBe('W2026-53');
    expect(periodsOf(new Date('2026-01-01T12:00:00Z'), 'UTC').week).toBe('W2026-01');
  });
});

describe('periodStart', () => {
  it('finds when the week and month began on the organization’s clock', () => {
    const at = new Date('2026-11-29T23:30:00Z'); // Sunday in UTC, Monday in Helsinki
    expect(periodStart('WEEK', 'UTC', at).toISOString()).toBe('2026-11-23T00:00:00.000Z');
    expect(periodStart('WEEK', 'Europe/Helsinki', at).toISOString()).toBe(
      '2026-11-29T22:00:00.000Z',
    );
    expect(periodStart('MONTH', 'Asia/Tehran', at).toISOString()).toBe('2026-10-31T20:30:00.000Z');
  });
});

describe('capped', () => {
  it('gives what the daily cap leaves', () => {
    expect(capped(10, 0, 200)).toBe(10);
    expect(capped(10, 195, 200)).toBe(5);
    expect(capped(10, 200, 200)).toBe(0);
  });
});
