import { describe, expect, it } from "vitest";
import {
  addDays,
  addMonths,
  addYears,
  compareDates,
  dayOfWeek,
  daysBetween,
  isValidIsoDate,
  shanghaiDate,
  shanghaiTime,
  startOfShanghaiDay,
} from "./shanghai-date.js";

describe("shanghaiDate", () => {
  it("turns to the next day at 16:00 UTC", () => {
    expect(shanghaiDate(new Date("2025-01-01T15:59:59.999Z"))).toBe("2025-01-01");
    expect(shanghaiDate(new Date("2025-01-01T16:00:00Z"))).toBe("2025-01-02");
    expect(shanghaiDate(new Date("2025-01-01T16:30:00Z"))).toBe("2025-01-02");
  });

  it("rejects an invalid Date", () => {
    expect(() => shanghaiDate(new Date("nonsense"))).toThrow(RangeError);
  });
});

describe("startOfShanghaiDay and shanghaiTime", () => {
  it("begin the day at 00:00 UTC+8", () => {
    expect(startOfShanghaiDay("2025-01-02").toISOString()).toBe("2025-01-01T16:00:00.000Z");
    expect(shanghaiDate(startOfShanghaiDay("2025-01-02"))).toBe("2025-01-02");
  });

  it("place a wall-clock time on the date", () => {
    expect(shanghaiTime("2025-06-30", "17:30").toISOString()).toBe("2025-06-30T09:30:00.000Z");
    expect(shanghaiTime("2025-06-30", "23:59").toISOString()).toBe("2025-06-30T15:59:00.000Z");
  });

  it("reject malformed input", () => {
    expect(() => startOfShanghaiDay("2025-02-30")).toThrow(RangeError);
    expect(() => shanghaiTime("2025-06-30", "24:00")).toThrow(RangeError);
    expect(() => shanghaiTime("2025-06-30", "9:30")).toThrow(RangeError);
  });
});

describe("date arithmetic", () => {
  it("adds days across month, year and leap day", () => {
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2025-12-31", 1)).toBe("2026-01-01");
    expect(addDays("2025-03-01", -1)).toBe("2025-02-28");
    expect(addDays("2025-06-15", 0)).toBe("2025-06-15");
  });

  it("counts days from a to b", () => {
    expect(daysBetween("2025-01-01", "2026-01-01")).toBe(365);
    expect(daysBetween("2024-01-01", "2025-01-01")).toBe(366);
    expect(daysBetween("2025-01-10", "2025-01-01")).toBe(-9);
  });

  it("adds months, clamping to the end of a shorter month", () => {
    expect(addMonths("2025-01-31", 1)).toBe("2025-02-28");
    expect(addMonths("2024-01-31", 1)).toBe("2024-02-29");
    expect(addMonths("2025-03-31", -1)).toBe("2025-02-28");
    expect(addMonths("2025-11-15", 3)).toBe("2026-02-15");
    expect(addMonths("2025-01-15", -13)).toBe("2023-12-15");
  });

  it("adds years, moving 29 February to 28 February in a common year", () => {
    expect(addYears("2024-02-29", 1)).toBe("2025-02-28");
    expect(addYears("2024-02-29", 4)).toBe("2028-02-29");
    expect(addYears("2025-06-30", -1)).toBe("2024-06-30");
  });

  it("compares dates", () => {
    expect(compareDates("2025-01-01", "2025-01-02")).toBeLessThan(0);
    expect(compareDates("2025-01-02", "2025-01-02")).toBe(0);
    expect(compareDates("2026-01-01", "2025-12-31")).toBeGreaterThan(0);
  });

  it("gives the day of week", () => {
    expect(dayOfWeek("2025-05-31")).toBe(6);
    expect(dayOfWeek("2025-09-28")).toBe(0);
    expect(dayOfWeek("2025-10-13")).toBe(1);
  });

  it("refuses fractional counts", () => {
    expect(() => addDays("2025-01-01", 1.5)).toThrow(RangeError);
    expect(() => addMonths("2025-01-01", 0.5)).toThrow(RangeError);
  });
});

describe("isValidIsoDate", () => {
  it.each([
    ["2024-02-29", true],
    ["2000-02-29", true],
    ["2025-12-31", true],
    ["2025-02-29", false],
    ["1900-02-29", false],
    ["2025-04-31", false],
    ["2025-13-01", false],
    ["2025-00-10", false],
    ["2025-1-01", false],
    ["2025-01-01T00:00", false],
    ["", false],
  ])("%s → %s", (s, valid) => {
    expect(isValidIsoDate(s)).toBe(valid);
  });
});
