import { OfficialCalendar } from "./official-calendar.js";
import { addDays, compareDates, type IsoDate, isValidIsoDate } from "./shanghai-date.js";

/** A computed date, and whether every year it touched had an official holiday calendar to go by. */
export interface CalendarResult {
  date: IsoDate;
  calendarPublished: boolean;
}

// Every function takes the official calendar as data; the packaged notices are the default.
const PACKAGED = OfficialCalendar.packaged;

function assertDate(date: IsoDate): void {
  if (!isValidIsoDate(date)) {
    throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  }
}

function assertCount(n: number): void {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`Not a whole number of days ≥ 0: ${n}`);
}

/** Whether the State Council's holiday calendar for a year is in the data. */
export function isCalendarPublished(year: number, calendar: OfficialCalendar = PACKAGED): boolean {
  return calendar.isPublished(year);
}

/** Published year: holidays off, 调休 days on, otherwise Monday–Friday; unpublished year: Monday–Friday. */
export function isWorkingDay(
  date: IsoDate,
  calendar: OfficialCalendar = PACKAGED,
): { working: boolean; calendarPublished: boolean } {
  assertDate(date);
  return calendar.dayKind(date);
}

/** The date n working days after `date`, not counting `date` itself; n = 0 gives `date`. */
export function addWorkingDays(
  date: IsoDate,
  n: number,
  calendar: OfficialCalendar = PACKAGED,
): CalendarResult {
  return stepWorkingDays(date, n, 1, calendar);
}

/** Working days in (from, to]; negative, counting (to, from], when `to` is before `from`. */
export function workingDaysBetween(
  from: IsoDate,
  to: IsoDate,
  calendar: OfficialCalendar = PACKAGED,
): number {
  const order = compareDates(from, to);
  if (order > 0) return -workingDaysBetween(to, from, calendar);
  let count = 0;
  for (let current = from; compareDates(current, to) < 0; ) {
    current = addDays(current, 1);
    if (isWorkingDay(current, calendar).working) count++;
  }
  return count;
}

export function nextWorkingDayOnOrAfter(
  date: IsoDate,
  calendar: OfficialCalendar = PACKAGED,
): CalendarResult {
  assertDate(date);
  let current = date;
  let published = true;
  for (;;) {
    const day = calendar.dayKind(current);
    published &&= day.calendarPublished;
    if (day.working) return { date: current, calendarPublished: published };
    current = addDays(current, 1);
  }
}

/**
 * The day a period really ends: 《民法典》第二百零三条, a last day falling on a 法定休假日 moves to the
 * first working day after it; a 调休 working day is not a 休假日, so a period may end on that weekend day.
 */
export function statutoryPeriodEnd(date: IsoDate, calendar: OfficialCalendar = PACKAGED): CalendarResult {
  return nextWorkingDayOnOrAfter(date, calendar);
}

/**
 * How a due date was counted, kept with it so that it can be counted again once the calendar of a year
 * it reached is published: n working days after a date, or a period's last day moved off a day off.
 */
export type DueCount = { workingDaysAfter: IsoDate; days: number } | { periodEndsOn: IsoDate };

export function countDue(count: DueCount, calendar: OfficialCalendar = PACKAGED): CalendarResult {
  return "periodEndsOn" in count
    ? statutoryPeriodEnd(count.periodEndsOn, calendar)
    : addWorkingDays(count.workingDaysAfter, count.days, calendar);
}

/** The date n working days before `date`, the mirror of addWorkingDays: addWorkingDays(result, n) is `date`. */
export function subtractWorkingDays(
  date: IsoDate,
  n: number,
  calendar: OfficialCalendar = PACKAGED,
): CalendarResult {
  return stepWorkingDays(date, n, -1, calendar);
}

/** Walks day by day in `direction` until n working days are counted, noting whether every day was published. */
function stepWorkingDays(
  date: IsoDate,
  n: number,
  direction: 1 | -1,
  calendar: OfficialCalendar,
): CalendarResult {
  assertDate(date);
  assertCount(n);
  let current = date;
  let published = calendar.isPublished(Number(date.slice(0, 4)));
  for (let counted = 0; counted < n; ) {
    current = addDays(current, direction);
    const day = calendar.dayKind(current);
    published &&= day.calendarPublished;
    if (day.working) counted++;
  }
  return { date: current, calendarPublished: published };
}
