import { describe, expect, it } from '@jest/globals';
import { parseDateTime } from './date-time.scalar.js';

describe('parseDateTime', () => {
  it('reads ISO 8601 dates and times', () => {
    expect(parseDateTime('2026-11-30T09:00:00Z')?.toISOString()).toBe('2026-11-30T09:00:00.000Z');
    expect(parseDateTime('2026-11-30T09:00:00.123+02:00')?.toISOString()).toBe(
      '2026-11-30T07:00:00.123Z',
    );
    expect(parseDateTime('2024-02-29')?.toISOString()).toBe('2024-02-29T00:00:00.000Z');
  });

  it.each([
    'garbage',
    '',
    '2026-02-31T00:00:00Z', // no such day
    '2025-02-29',
    '2026-13-01',
    '2026-11-30T25:00:00Z',
    '+275760-09-13T00:00:00Z', // JavaScript's last date, beyond PostgreSQL's range
    '-271821-04-20T00:00:00Z',
    '1969-12-31T23:59:59Z',
    '10000-01-01T00:00:00Z',
    'Mon, 30 Nov 2026 09:00:00 GMT',
  ])('refuses %j', (value) => {
    expect(parseDateTime(value)).toBeNull();
  });

  it('refuses what is not a string', () => {
    expect(parseDateTime(1764493200000)).toBeNull();
    expect(parseDateTime(null)).toBeNull();
  });
});
