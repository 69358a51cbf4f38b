import { describe, expect, it } from "vitest";
import { rectificationDue, requiresSupervisoryPreReview, simplifiedProcedure } from "./index.js";

describe("rectificationDue", () => {
  it("gives no rectification for a pass", () => {
    expect(rectificationDue("pass", "2025-06-10", 30)).toBeUndefined();
  });

  it("gives basic pass and fail a deadline the period's days later", () => {
    expect(rectificationDue("basic_pass", "2025-06-10", 30)).toEqual({
      date: "2025-07-10",
      calendarPublished: true,
    });
    // 9 August 2025 is a Saturday.
    expect(rectificationDue("fail", "2025-06-10", 60)).toEqual({
      date: "2025-08-11",
      calendarPublished: true,
    });
  });

  it("moves a deadline in National Day 2025 to 9 October", () => {
    expect(rectificationDue("fail", "2025-09-05", 30)).toEqual({
      date: "2025-10-09",
      calendarPublished: true,
    });
  });

  it("refuses a period that is not a positive whole number of days", () => {
    expect(() => rectificationDue("fail", "2025-06-10", 0)).toThrow(RangeError);
    expect(() => rectificationDue("fail", "2025-06-10", 7.5)).toThrow(RangeError);
  });
});

describe("simplifiedProcedure", () => {
  it("lets a valid 4A or 5A take the simplified procedure", () => {
    expect(simplifiedProcedure({ level: "4A", validUntil: "2027-12-31" }, "2026-03-01", "4A")).toBe(true);
    expect(simplifiedProcedure({ level: "5A", validUntil: "2026-03-01" }, "2026-03-01", "4A")).toBe(true);
  });

  it("keeps 3A, an expired 5A and an ungraded organization on the full procedure", () => {
    expect(simplifiedProcedure({ level: "3A", validUntil: "2027-12-31" }, "2026-03-01", "4A")).toBe(false);
    expect(simplifiedProcedure({ level: "5A", validUntil: "2026-02-28" }, "2026-03-01", "4A")).toBe(false);
    expect(simplifiedProcedure(undefined, "2026-03-01", "4A")).toBe(false);
  });

  it("follows the bureau's threshold", () => {
    expect(simplifiedProcedure({ level: "4A", validUntil: "2027-12-31" }, "2026-03-01", "5A")).toBe(false);
    expect(simplifiedProcedure({ level: "3A", validUntil: "2027-12-31" }, "2026-03-01", "3A")).toBe(true);
  });
});

describe("requiresSupervisoryPreReview", () => {
  it("asks the supervisory unit under dual management", () => {
    expect(
      requiresSupervisoryPreReview({ supervisoryUnit: "上海市科学技术协会", orgType: "social_group" }, false),
    ).toBe(true);
    expect(
      requiresSupervisoryPreReview({ supervisoryUnit: "区教育局", orgType: "social_service" }, false),
    ).toBe(true);
  });

  it("skips the pre-review when simplified, directly registered or a foundation", () => {
    expect(
      requiresSupervisoryPreReview({ supervisoryUnit: "上海市科学技术协会", orgType: "social_group" }, true),
    ).toBe(false);
    expect(requiresSupervisoryPreReview({ orgType: "social_group" }, false)).toBe(false);
    expect(requiresSupervisoryPreReview({ supervisoryUnit: "  ", orgType: "social_group" }, false)).toBe(
      false,
    );
    expect(requiresSupervisoryPreReview({ supervisoryUnit: "市民政局", orgType: "foundation" }, false)).toBe(
      false,
    );
  });
});
