/** A calendar date as "YYYY-MM-DD"; statutory dates are dates in Asia/Shanghai, never instants. */
export type IsoDate = string;

// Asia/Shanghai has been UTC+8 without daylight saving since 1991, so a fixed offset is exact.
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

interface Ymd {
  year: number;
  month: number;
  day: number;
}

const MONTH_LENGTHS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : (MONTH_LENGTHS[month - 1] ?? 0);
}

function parse(date: IsoDate): Ymd | undefined {
  const m = ISO_DATE.exec(date);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return { year, month, day };
}

function parseOrThrow(date: IsoDate): Ymd {
  const ymd = parse(date);
  if (!ymd) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  return ymd;
}

// setUTCFullYear, unlike Date.UTC, does not read years 0–99 as 1900–1999.
function utcMidnight({ year, month, day }: Ymd): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  return d.getTime();
}

function format(utcMs: number): IsoDate {
  const d = new Date(utcMs);
  const year = d.getUTCFullYear();
  if (year < 0 || year > 9999) throw new RangeError(`Date out of range 0000–9999: year ${year}`);
  const pad = (n: number, width: number) => String(n).padStart(width, "0");
  return `${pad(year, 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`;
}

export function isValidIsoDate(s: string): boolean {
  return parse(s) !== undefined;
}

/** The Asia/Shanghai calendar date on which an instant falls. */
export function shanghaiDate(instant: Date): IsoDate {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError("Invalid Date");
  return format(ms + SHANGHAI_OFFSET_MS);
}

/** The instant at which a date begins in Asia/Shanghai (00:00 UTC+8). */
export function startOfShanghaiDay(date: IsoDate): Date {
  return new Date(utcMidnight(parseOrThrow(date)) - SHANGHAI_OFFSET_MS);
}

/** The instant of a wall-clock time "HH:MM" on a date in Asia/Shanghai. */
export function shanghaiTime(date: IsoDate, hhmm: string): Date {
  const m = HH_MM.exec(hhmm);
  if (!m) throw new RangeError(`Not a time of day (HH:MM): ${JSON.stringify(hhmm)}`);
  const minutes = Number(m[1]) * 60 + Number(m[2]);
  return new Date(startOfShanghaiDay(date).getTime() + minutes * 60_000);
}

export function addDays(date: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n)) throw new RangeError(`Not a whole number of days: ${n}`);
  return format(utcMidnight(parseOrThrow(date)) + n * DAY_MS);
}

/** b − a in days. */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return Math.round((utcMidnight(parseOrThrow(b)) - utcMidnight(parseOrThrow(a))) / DAY_MS);
}

/** Calendar months later; a day past the end of the target month becomes its last day (31 Jan + 1 → 28/29 Feb). */
export function addMonths(date: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n)) throw new RangeError(`Not a whole number of months: ${n}`);
  const { year, month, day } = parseOrThrow(date);
  const index = year * 12 + (month - 1) + n;
  const targetYear = Math.floor(index / 12);
  const targetMonth = index - targetYear * 12 + 1;
  if (targetYear < 0 || targetYear > 9999) {
    throw new RangeError(`Date out of range 0000–9999: year ${targetYear}`);
  }
  return format(
    utcMidnight({
      year: targetYear,
      month: targetMonth,
      day: Math.min(day, daysInMonth(targetYear, targetMonth)),
    }),
  );
}

/** Calendar years later; 29 February becomes 28 February in a common year. */
export function addYears(date: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n)) throw new RangeError(`Not a whole number of years: ${n}`);
  return addMonths(date, n * 12);
}

/** Negative if a is before b, 0 if equal, positive if after; usable as a sort comparator. */
export function compareDates(a: IsoDate, b: IsoDate): number {
  return Math.sign(utcMidnight(parseOrThrow(a)) - utcMidnight(parseOrThrow(b)));
}

/** Day of week, 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: IsoDate): number {
  return new Date(utcMidnight(parseOrThrow(date))).getUTCDay();
}
