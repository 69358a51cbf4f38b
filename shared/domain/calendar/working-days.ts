import data from "chinese-days/dist/chinese-days.json" with { type: "json" };
import { addDays, compareDates, dayOfWeek, type IsoDate, isValidIsoDate } from "./shanghai-date.js";

/** A computed date, and whether every year it touched had an official holiday calendar to go by. */
export interface CalendarResult {
  date: IsoDate;
  calendarPublished: boolean;
}

// 国务院办公厅 holiday notices as packaged by chinese-days: 放假 days off and 调休 working days (often a weekend).
const holidays: Readonly<Record<IsoDate, string>> = data.holidays;
const adjustedWorkdays: Readonly<Record<IsoDate, string>> = data.workdays;
const publishedYears: ReadonlySet<number> = new Set(Object.keys(holidays).map((d) => Number(d.slice(0, 4))));

function assertDate(date: IsoDate): void {
  if (!isValidIsoDate(date)) {
    throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  }
}

function assertCount(n: number): void {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`Not a whole number of days ≥ 0: ${n}`);
}

/** Whether the State Council's holiday calendar for a year is in the data. */
export function isCalendarPublished(year: number): boolean {
  return publishedYears.has(year);
}

function calendarPublishedFor(date: IsoDate): boolean {
  return isCalendarPublished(Number(date.slice(0, 4)));
}

/** Published year: holidays off, 调休 days on, otherwise Monday–Friday; unpublished year: Monday–Friday. */
export function isWorkingDay(date: IsoDate): { working: boolean; calendarPublished: boolean } {
  assertDate(date);
  const weekday = dayOfWeek(date);
  const monToFri = weekday >= 1 && weekday <= 5;
  if (!calendarPublishedFor(date)) return { working: monToFri, calendarPublished: false };
  if (Object.hasOwn(holidays, date)) return { working: false, calendarPublished: true };
  if (Object.hasOwn(adjustedWorkdays, date)) return { working: true, calendarPublished: true };
  return { working: monToFri, calendarPublished: true };
}

/** The date n working days after `date`, not counting `date` itself; n = 0 gives `date`. */
export function addWorkingDays(date: IsoDate, n: number): CalendarResult {
  assertDate(date);
  assertCount(n);
  let current = date;
  let published = calendarPublishedFor(date);
  for (let counted = 0; counted < n; ) {
    current = addDays(current, 1);
    const day = isWorkingDay(current);
    published &&= day.calendarPublished;
    if (day.working) counted++;
  }
  return { date: current, calendarPublished: published };
}

/** Working days in (from, to]; negative, counting (to, from], when `to` is before `from`. */
export function workingDaysBetween(from: IsoDate, to: IsoDate): number {
  const order = compareDates(from, to);
  if (order > 0) return -workingDaysBetween(to, from);
  let count = 0;
  for (let current = from; compareDates(current, to) < 0; ) {
    current = addDays(current, 1);
    if (isWorkingDay(current).working) count++;
  }
  return count;
}

export function nextWorkingDayOnOrAfter(date: IsoDate): CalendarResult {
  assertDate(date);
  let current = date;
  let published = true;
  for (;;) {
    const day = isWorkingDay(current);
    published &&= day.calendarPublished;
    if (day.working) return { date: current, calendarPublished: published };
    current = addDays(current, 1);
  }
}

/**
 * The day a period really ends: 《民法典》第二百零三条, a last day falling on a 法定休假日 moves to the
 * first working day after it; a 调休 working day is not a 休假日, so a period may end on that weekend day.
 */
export function statutoryPeriodEnd(date: IsoDate): CalendarResult {
  return nextWorkingDayOnOrAfter(date);
}

/** The date n working days before `date`, the mirror of addWorkingDays: addWorkingDays(result, n) is `date`. */
export function subtractWorkingDays(date: IsoDate, n: number): CalendarResult {
  assertDate(date);
  assertCount(n);
  let current = date;
  let published = calendarPublishedFor(date);
  for (let counted = 0; counted < n; ) {
    current = addDays(current, -1);
    const day = isWorkingDay(current);
    published &&= day.calendarPublished;
    if (day.working) counted++;
  }
  return { date: current, calendarPublished: published };
}
