import data from "chinese-days/dist/chinese-days.json" with { type: "json" };
import { dayOfWeek, type IsoDate, isValidIsoDate } from "./shanghai-date.js";

/**
 * One year of the State Council's holiday notice (国务院办公厅关于某年部分节假日安排的通知): the days off
 * (放假) and the adjusted working days (调休), which fall on weekends.
 */
export interface HolidayNotice {
  holidays: readonly IsoDate[];
  workdays: readonly IsoDate[];
}

/** A notice as an admin loaded it: the year, its dates, where it was published, who loaded it and when. */
export interface CalendarNoticeRecord extends HolidayNotice {
  year: number;
  source: string;
  loadedAt: string;
  loadedBy: string;
}

interface Year {
  holidays: ReadonlySet<IsoDate>;
  workdays: ReadonlySet<IsoDate>;
}

/**
 * The official calendar as data: the notices of the years it knows. A year it does not know counts
 * Monday–Friday as working days, and every date computed through such a year is provisional.
 */
export class OfficialCalendar {
  private constructor(private readonly years: ReadonlyMap<number, Year>) {}

  /** The notices packaged with chinese-days (2004 to its last release's year). */
  static readonly packaged: OfficialCalendar = (() => {
    const years = new Map<number, { holidays: Set<IsoDate>; workdays: Set<IsoDate> }>();
    const yearOf = (date: string) => {
      const y = Number(date.slice(0, 4));
      const year = years.get(y) ?? { holidays: new Set<IsoDate>(), workdays: new Set<IsoDate>() };
      years.set(y, year);
      return year;
    };
    for (const date of Object.keys(data.holidays)) yearOf(date).holidays.add(date);
    for (const date of Object.keys(data.workdays)) yearOf(date).workdays.add(date);
    return new OfficialCalendar(years);
  })();

  /** The same calendar with these years' notices, each replacing what it knew of that year. */
  withNotices(notices: Readonly<Record<number, HolidayNotice>>): OfficialCalendar {
    const years = new Map(this.years);
    for (const [year, notice] of Object.entries(notices)) {
      years.set(Number(year), { holidays: new Set(notice.holidays), workdays: new Set(notice.workdays) });
    }
    return new OfficialCalendar(years);
  }

  isPublished(year: number): boolean {
    return this.years.has(year);
  }

  /** The notice of a year as this calendar applies it, dates in order; undefined for a year it does not know. */
  notice(year: number): { holidays: IsoDate[]; workdays: IsoDate[] } | undefined {
    const known = this.years.get(year);
    if (!known) return undefined;
    return { holidays: [...known.holidays].sort(), workdays: [...known.workdays].sort() };
  }

  /** Published year: holidays off, 调休 days on, otherwise Monday–Friday; unpublished year: Monday–Friday. */
  dayKind(date: IsoDate): { working: boolean; calendarPublished: boolean } {
    const weekday = dayOfWeek(date);
    const monToFri = weekday >= 1 && weekday <= 5;
    const year = this.years.get(Number(date.slice(0, 4)));
    if (!year) return { working: monToFri, calendarPublished: false };
    if (year.holidays.has(date)) return { working: false, calendarPublished: true };
    if (year.workdays.has(date)) return { working: true, calendarPublished: true };
    return { working: monToFri, calendarPublished: true };
  }
}

export interface NoticeProblem {
  field: string;
  code: string;
  message: string;
}

/**
 * What is wrong with a notice for `year`: every date a real date of that year, none both a day off and a
 * working day, and each 调休 working day a Saturday or Sunday (a weekday is a working day already).
 */
export function holidayNoticeProblems(year: number, notice: HolidayNotice): NoticeProblem[] {
  const problems: NoticeProblem[] = [];
  const check = (field: "holidays" | "workdays", dates: readonly IsoDate[]) =>
    dates.forEach((date, i) => {
      const at = `${field}.${i}`;
      if (!isValidIsoDate(date)) {
        problems.push({ field: at, code: "not_a_date", message: `not a date YYYY-MM-DD: ${date}` });
      } else if (Number(date.slice(0, 4)) !== year) {
        problems.push({ field: at, code: "other_year", message: `${date} is not in ${year}` });
      } else if (field === "workdays" && dayOfWeek(date) >= 1 && dayOfWeek(date) <= 5) {
        problems.push({
          field: at,
          code: "not_a_weekend",
          message: `${date} is a weekday: an adjusted working day (调休) falls on a weekend`,
        });
      }
    });
  check("holidays", notice.holidays);
  check("workdays", notice.workdays);
  if (notice.holidays.length === 0) {
    problems.push({ field: "holidays", code: "empty", message: "a notice names its days off" });
  }
  const off = new Set(notice.holidays);
  notice.workdays.forEach((date, i) => {
    if (off.has(date)) {
      problems.push({
        field: `workdays.${i}`,
        code: "both",
        message: `${date} is a day off and a working day`,
      });
    }
  });
  return problems;
}
