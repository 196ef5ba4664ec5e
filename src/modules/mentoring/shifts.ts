import { addDays, weekdayOf, zonedInstant } from '../../common/time-zone.js';

export enum Weekday {
  MONDAY = 'MONDAY',
  TUESDAY = 'TUESDAY',
  WEDNESDAY = 'WEDNESDAY',
  THURSDAY = 'THURSDAY',
  FRIDAY = 'FRIDAY',
  SATURDAY = 'SATURDAY',
  SUNDAY = 'SUNDAY',
}

const WEEKDAYS = Object.values(Weekday);

/** A weekly shift on the user's clock: 'HH:MM'; an end at or before the start ends the next day. */
export interface Shift {
  day: Weekday;
  start: string;
  end: string;
}

export interface ShiftSchedule {
  timeZone: string;
  shifts: Shift[];
}

export const CLOCK_TIME = /^(?:[01]\d|2[0-3]):[0-5]\d$/;

const minutesOf = (time: string): number => Number(time.slice(0, 2)) * 60 + Number(time.slice(3));

/** The shifts as instants [start, end) in the week starting on a Monday ('YYYY-MM-DD'). */
function intervalsOf(schedule: ShiftSchedule, monday: string): [number, number][] {
  return schedule.shifts.map((shift) => {
    const day = addDays(monday, WEEKDAYS.indexOf(shift.day));
    const start = minutesOf(shift.start);
    let end = minutesOf(shift.end);
    if (end <= start) end += 24 * 60;
    return [
      zonedInstant(day, start, schedule.timeZone).getTime(),
      zonedInstant(day, end, schedule.timeZone).getTime(),
    ];
  });
}

/**
 * Minutes a week two people are on shift at once, in the week that holds `at` (UTC), each on
 * their own clock: a Sunday-night shift in one zone may meet a Monday-morning one in another.
 */
export function weeklyOverlapMinutes(a: ShiftSchedule, b: ShiftSchedule, at = new Date()): number {
  const today = at.toISOString().slice(0, 10);
  const monday = addDays(today, -weekdayOf(today));
  const ours = intervalsOf(a, monday);
  const theirs = [-7, 0, 7].flatMap((days) => intervalsOf(b, addDays(monday, days)));
  let overlap = 0;
  for (const [start, end] of ours)
    for (const [otherStart, otherEnd] of theirs)
      overlap += Math.max(0, Math.min(end, otherEnd) - Math.max(start, otherStart));
  return Math.round(overlap / 60_000);
}

/** A reason a schedule cannot be kept, or null: shifts of one person never overlap. */
export function scheduleProblem(schedule: ShiftSchedule): string | null {
  for (const shift of schedule.shifts)
    if (shift.start === shift.end)
      return `The ${shift.day.toLowerCase()} shift starts and ends at ${shift.start}.`;
  const intervals = intervalsOf({ ...schedule, timeZone: 'UTC' }, '2024-01-01').sort(
    (x, y) => x[0] - y[0],
  );
  // a Sunday shift that runs into Monday meets the next week's Monday
  const [first] = intervals;
  if (first) intervals.push([first[0] + 7 * 86_400_000, first[1] + 7 * 86_400_000]);
  for (let i = 1; i < intervals.length; i++)
    if (intervals[i][0] < intervals[i - 1][1]) return 'Two shifts overlap.';
  return null;
}
