import { describe, expect, it } from "vitest";
import {
  addWorkingDays,
  isCalendarPublished,
  isWorkingDay,
  nextWorkingDayOnOrAfter,
  statutoryPeriodEnd,
  workingDaysBetween,
} from "./working-days.js";

describe("isWorkingDay", () => {
  it("follows the published calendar: holidays off, 调休 weekends on", () => {
    expect(isWorkingDay("2025-10-06")).toEqual({ working: false, calendarPublished: true });
    expect(isWorkingDay("2025-09-28")).toEqual({ working: true, calendarPublished: true });
    expect(isWorkingDay("2025-10-11")).toEqual({ working: true, calendarPublished: true });
    expect(isWorkingDay("2026-02-14")).toEqual({ working: true, calendarPublished: true });
    expect(isWorkingDay("2025-10-12")).toEqual({ working: false, calendarPublished: true });
    expect(isWorkingDay("2025-10-09")).toEqual({ working: true, calendarPublished: true });
  });

  it("falls back to Monday–Friday in a year with no published calendar", () => {
    expect(isCalendarPublished(2026)).toBe(true);
    expect(isCalendarPublished(2028)).toBe(false);
    expect(isWorkingDay("2028-10-02")).toEqual({ working: true, calendarPublished: false });
    expect(isWorkingDay("2028-01-01")).toEqual({ working: false, calendarPublished: false });
  });

  it("rejects a malformed date", () => {
    expect(() => isWorkingDay("2025-02-29")).toThrow(RangeError);
  });
});

describe("addWorkingDays", () => {
  it("returns the date itself for n = 0", () => {
    expect(addWorkingDays("2025-10-04", 0)).toEqual({ date: "2025-10-04", calendarPublished: true });
  });

  it("crosses National Day 2025 (1–8 October, 调休 on 28 September and 11 October)", () => {
    expect(addWorkingDays("2025-09-26", 1).date).toBe("2025-09-28");
    expect(addWorkingDays("2025-09-30", 1).date).toBe("2025-10-09");
    expect(addWorkingDays("2025-09-30", 3).date).toBe("2025-10-11");
    expect(addWorkingDays("2025-09-30", 4)).toEqual({ date: "2025-10-13", calendarPublished: true });
  });

  it("crosses Spring Festival 2026 (15–23 February, 调休 on 14 and 28 February)", () => {
    expect(addWorkingDays("2026-02-13", 1).date).toBe("2026-02-14");
    expect(addWorkingDays("2026-02-13", 2).date).toBe("2026-02-24");
    expect(addWorkingDays("2026-02-13", 6)).toEqual({ date: "2026-02-28", calendarPublished: true });
  });

  it("uses weekends only and says so in an unpublished year", () => {
    expect(addWorkingDays("2028-03-03", 5)).toEqual({ date: "2028-03-10", calendarPublished: false });
    expect(addWorkingDays("2028-09-29", 1)).toEqual({ date: "2028-10-02", calendarPublished: false });
  });

  it("reports an unpublished year reached on the way", () => {
    expect(addWorkingDays("2026-12-31", 1)).toEqual({ date: "2027-01-01", calendarPublished: false });
  });

  it("refuses a negative or fractional count", () => {
    expect(() => addWorkingDays("2025-01-01", -1)).toThrow(RangeError);
    expect(() => addWorkingDays("2025-01-01", 1.5)).toThrow(RangeError);
  });
});

describe("workingDaysBetween", () => {
  it("counts working days in (from, to]", () => {
    expect(workingDaysBetween("2026-02-13", "2026-02-28")).toBe(6);
    expect(workingDaysBetween("2025-09-30", "2025-10-13")).toBe(4);
    expect(workingDaysBetween("2025-06-04", "2025-06-04")).toBe(0);
  });

  it("is negative when to is before from", () => {
    expect(workingDaysBetween("2026-02-28", "2026-02-13")).toBe(-6);
  });

  it("agrees with addWorkingDays", () => {
    for (const n of [1, 5, 10, 20, 60]) {
      const end = addWorkingDays("2025-09-15", n).date;
      expect(workingDaysBetween("2025-09-15", end)).toBe(n);
    }
  });
});

describe("nextWorkingDayOnOrAfter", () => {
  it("keeps a working day and skips a holiday block", () => {
    expect(nextWorkingDayOnOrAfter("2025-06-04")).toEqual({ date: "2025-06-04", calendarPublished: true });
    expect(nextWorkingDayOnOrAfter("2026-02-15")).toEqual({ date: "2026-02-24", calendarPublished: true });
  });
});

describe("statutoryPeriodEnd (民法典 第二百零三条)", () => {
  it("moves a last day in the Dragon Boat holiday 2025 to 3 June", () => {
    expect(statutoryPeriodEnd("2025-05-31")).toEqual({ date: "2025-06-03", calendarPublished: true });
  });

  it("moves a last day in National Day 2025 to 9 October", () => {
    expect(statutoryPeriodEnd("2025-10-01").date).toBe("2025-10-09");
  });

  it("keeps a last day that is a 调休 working weekend day", () => {
    expect(statutoryPeriodEnd("2025-09-28").date).toBe("2025-09-28");
  });

  it("moves a weekend in an unpublished year to Monday and says so", () => {
    expect(statutoryPeriodEnd("2028-01-01")).toEqual({ date: "2028-01-03", calendarPublished: false });
  });
});
