import { describe, expect, it } from '@jest/globals';
import { ShiftSchedule, Weekday, scheduleProblem, weeklyOverlapMinutes } from './shifts.js';

const weekdays = (timeZone: string, start: string, end: string): ShiftSchedule => ({
  timeZone,
  shifts: [
    Weekday.MONDAY,
    Weekday.TUESDAY,
    Weekday.WEDNESDAY,
    Weekday.THURSDAY,
    Weekday.FRIDAY,
  ].map((day) => ({ day, start, end })),
});
const winter = new Date('2026-12-02T12:00:00Z');

describe('shift overlap', () => {
  it('counts the minutes two schedules share, each on its own clock', () => {
    const helsinki = weekdays('Europe/Helsinki', '08:00', '16:00'); // 06:00-14:00 UTC in winter
    const london = weekdays('Europe/London', '09:00', '17:00'); // 09:00-17:00 UTC
    expect(weeklyOverlapMinutes(helsinki, london, winter)).toBe(5 * 5 * 60);
    expect(weeklyOverlapMinutes(london, helsinki, winter)).toBe(5 * 5 * 60);
    expect(weeklyOverlapMinutes(helsinki, helsinki, winter)).toBe(5 * 8 * 60);
  });

  it('finds no overlap between a day shift and a night shift', () => {
    const day = weekdays('UTC', '08:00', '16:00');
    const night = weekdays('UTC', '22:00', '06:00');
    expect(weeklyOverlapMinutes(day, night, winter)).toBe(0);
    // Monday to Friday nights end on Tuesday to Saturday mornings: four of them meet an early shift
    expect(weeklyOverlapMinutes(night, weekdays('UTC', '05:00', '07:00'), winter)).toBe(4 * 60);
  });

  it('meets a Sunday-night shift with a Monday morning in another zone', () => {
    const tehranSunday: ShiftSchedule = {
      timeZone: 'Asia/Tehran', // UTC+3:30
      shifts: [{ day: Weekday.MONDAY, start: '00:00', end: '04:00' }], // Sunday 20:30-Monday 00:30 UTC
    };
    const utcSunday: ShiftSchedule = {
      timeZone: 'UTC',
      shifts: [{ day: Weekday.SUNDAY, start: '20:00', end: '22:00' }],
    };
    expect(weeklyOverlapMinutes(tehranSunday, utcSunday, winter)).toBe(90);
    expect(weeklyOverlapMinutes(utcSunday, tehranSunday, winter)).toBe(90);
  });

  it('refuses shifts of one person that overlap or last no time', () => {
    expect(scheduleProblem(weekdays('UTC', '08:00', '16:00'))).toBeNull();
    expect(
      scheduleProblem({
        timeZone: 'UTC',
        shifts: [
          { day: Weekday.MONDAY, start: '08:00', end: '12:00' },
          { day: Weekday.MONDAY, start: '11:00', end: '13:00' },
        ],
      }),
    ).toBe('Two shifts overlap.');
    expect(
      scheduleProblem({
        timeZone: 'UTC',
        shifts: [
          { day: Weekday.SUNDAY, start: '22:00', end: '06:00' },
          { day: Weekday.MONDAY, start: '05:00', end: '09:00' },
        ],
      }),
    ).toBe('Two shifts overlap.');
    expect(
      scheduleProblem({
        timeZone: 'UTC',
        shifts: [{ day: Weekday.MONDAY, start: '08:00', end: '08:00' }],
      }),
    ).toBe('The monday shift starts and ends at 08:00.');
  });
});
