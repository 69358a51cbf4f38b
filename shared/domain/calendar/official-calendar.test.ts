import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type HolidayNotice, holidayNoticeProblems, OfficialCalendar } from "./official-calendar.js";
import { addDays, compareDates, dayOfWeek, type IsoDate } from "./shanghai-date.js";
import {
  addWorkingDays,
  countDue,
  isCalendarPublished,
  isWorkingDay,
  statutoryPeriodEnd,
  workingDaysBetween,
} from "./working-days.js";

// A notice for 2027 as the State Council might write it: New Year, Spring Festival with two 调休 weekend days.
const NOTICE_2027: HolidayNotice = {
  holidays: [
    "2027-01-01",
    "2027-01-02",
    "2027-01-03",
    "2027-02-06",
    "2027-02-07",
    "2027-02-08",
    "2027-02-09",
    "2027-02-10",
    "2027-02-11",
    "2027-02-12",
  ],
  workdays: ["2027-02-14", "2027-02-20"],
};
const loaded = OfficialCalendar.packaged.withNotices({ 2027: NOTICE_2027 });

describe("an official calendar with a loaded notice", () => {
  it("knows the loaded year, and the packaged years as before", () => {
    expect(isCalendarPublished(2027)).toBe(false);
    expect(isCalendarPublished(2027, loaded)).toBe(true);
    expect(isCalendarPublished(2026, loaded)).toBe(true);
    expect(isCalendarPublished(2028, loaded)).toBe(false);
  });

  it("counts a period into the loaded year by its notice and says it is no longer provisional", () => {
    expect(addWorkingDays("2026-12-30", 3)).toEqual({ date: "2027-01-04", calendarPublished: false });
    expect(addWorkingDays("2026-12-30", 3, loaded)).toEqual({ date: "2027-01-05", calendarPublished: true });
    expect(isWorkingDay("2027-02-14", loaded)).toEqual({ working: true, calendarPublished: true });
    expect(isWorkingDay("2027-02-08", loaded)).toEqual({ working: false, calendarPublished: true });
    expect(statutoryPeriodEnd("2027-02-06", loaded)).toEqual({ date: "2027-02-14", calendarPublished: true });
    expect(workingDaysBetween("2027-02-05", "2027-02-15", loaded)).toBe(2);
  });

  it("keeps the packaged notices for the years they cover", () => {
    expect(addWorkingDays("2025-09-30", 1, loaded)).toEqual(addWorkingDays("2025-09-30", 1));
    expect(loaded.notice(2026)).toEqual(OfficialCalendar.packaged.notice(2026));
  });

  it("shows a year's notice as applied, in date order, and lets a later notice replace it", () => {
    const shuffled = OfficialCalendar.packaged.withNotices({
      2027: { holidays: ["2027-02-07", "2027-01-01"], workdays: ["2027-02-20"] },
    });
    expect(shuffled.notice(2027)).toEqual({
      holidays: ["2027-01-01", "2027-02-07"],
      workdays: ["2027-02-20"],
    });
    expect(shuffled.withNotices({ 2027: NOTICE_2027 }).notice(2027)?.holidays).toHaveLength(10);
    expect(OfficialCalendar.packaged.notice(2027)).toBeUndefined();
  });

  it("counts again the same way a due date was counted", () => {
    expect(countDue({ workingDaysAfter: "2026-12-30", days: 3 }, loaded)).toEqual(
      addWorkingDays("2026-12-30", 3, loaded),
    );
    expect(countDue({ periodEndsOn: "2027-01-02" }, loaded)).toEqual({
      date: "2027-01-04",
      calendarPublished: true,
    });
    expect(countDue({ periodEndsOn: "2027-01-02" })).toEqual({
      date: "2027-01-04",
      calendarPublished: false,
    });
  });
});

describe("holidayNoticeProblems", () => {
  it("accepts a well-formed notice", () => {
    expect(holidayNoticeProblems(2027, NOTICE_2027)).toEqual([]);
  });

  it("names each bad date by its place", () => {
    const problems = holidayNoticeProblems(2027, {
      holidays: ["2027-02-30", "2026-10-01", "2027-02-06"],
      workdays: ["2027-02-08", "2027-02-06"],
    });
    expect(problems.map((p) => [p.field, p.code])).toEqual([
      ["holidays.0", "not_a_date"],
      ["holidays.1", "other_year"],
      ["workdays.0", "not_a_weekend"],
      ["workdays.1", "both"],
    ]);
    expect(holidayNoticeProblems(2027, { holidays: [], workdays: [] })).toMatchObject([
      { field: "holidays" },
    ]);
  });
});

// Random notices for 2027 and 2028: some days off, some weekend days made working days.
const day = (from: IsoDate, span: number) => fc.integer({ min: 0, max: span }).map((k) => addDays(from, k));
const noticeOf = (year: number) =>
  fc
    .record({
      holidays: fc.uniqueArray(day(`${year}-01-01`, 364), { minLength: 1, maxLength: 30 }),
      weekends: fc.uniqueArray(day(`${year}-01-01`, 364), { maxLength: 10 }),
    })
    .map(({ holidays, weekends }) => ({
      holidays,
      workdays: weekends.filter((d) => [0, 6].includes(dayOfWeek(d)) && !holidays.includes(d)),
    }));
const calendars = fc
  .record({
    y2027: fc.option(noticeOf(2027), { nil: undefined }),
    y2028: fc.option(noticeOf(2028), { nil: undefined }),
  })
  .map(({ y2027, y2028 }) => {
    const notices: Record<number, HolidayNotice> = {};
    if (y2027) notices[2027] = y2027;
    if (y2028) notices[2028] = y2028;
    return OfficialCalendar.packaged.withNotices(notices);
  });
const starts = day("2026-09-01", 600);
const counts = fc.integer({ min: 0, max: 80 });

describe("working-day rules with any loaded calendar (properties)", () => {
  it("counts back what it added, and lands on a working day", () => {
    fc.assert(
      fc.property(calendars, starts, counts, (calendar, from, n) => {
        const { date } = addWorkingDays(from, n, calendar);
        expect(workingDaysBetween(from, date, calendar)).toBe(n);
        if (n > 0) expect(isWorkingDay(date, calendar).working).toBe(true);
        expect(compareDates(addWorkingDays(from, n + 1, calendar).date, date)).toBeGreaterThan(0);
      }),
    );
  });

  it("is provisional exactly when a year it reached has no calendar", () => {
    fc.assert(
      fc.property(calendars, starts, counts, (calendar, from, n) => {
        const result = addWorkingDays(from, n, calendar);
        const years: number[] = [];
        for (let y = Number(from.slice(0, 4)); y <= Number(result.date.slice(0, 4)); y++) years.push(y);
        expect(result.calendarPublished).toBe(years.every((y) => calendar.isPublished(y)));
      }),
    );
  });

  it("a loaded notice changes nothing counted wholly within the packaged years", () => {
    fc.assert(
      fc.property(calendars, day("2026-09-01", 100), fc.integer({ min: 0, max: 40 }), (calendar, from, n) => {
        const before = addWorkingDays(from, n);
        fc.pre(before.date < "2027-01-01");
        expect(addWorkingDays(from, n, calendar)).toEqual(before);
      }),
    );
  });

  it("a notice of days off only ever moves a provisional date later, never earlier", () => {
    fc.assert(
      fc.property(noticeOf(2027), starts, counts, (notice, from, n) => {
        const offOnly = OfficialCalendar.packaged.withNotices({
          2027: { holidays: notice.holidays, workdays: [] },
        });
        const provisional = addWorkingDays(from, n);
        expect(compareDates(addWorkingDays(from, n, offOnly).date, provisional.date)).toBeGreaterThanOrEqual(
          0,
        );
      }),
    );
  });

  it("a period's end is the first working day on or after its last day", () => {
    fc.assert(
      fc.property(calendars, starts, (calendar, last) => {
        const { date } = statutoryPeriodEnd(last, calendar);
        expect(isWorkingDay(date, calendar).working).toBe(true);
        for (let d = last; compareDates(d, date) < 0; d = addDays(d, 1)) {
          expect(isWorkingDay(d, calendar).working).toBe(false);
        }
      }),
    );
  });
});
