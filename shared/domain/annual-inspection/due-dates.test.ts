import { describe, expect, it } from "vitest";
import { nationalDefaults } from "../../settings/index.js";
import { annualReportDueDates, mustReport } from "./index.js";

const settings = nationalDefaults.annualInspection;

describe("annualReportDueDates", () => {
  it("moves the 2025 deadline of 31 May, in the Dragon Boat holiday, to 3 June", () => {
    expect(annualReportDueDates("social_group", 2024, settings, true)).toEqual({
      supervisoryUnit: { date: "2025-03-31", calendarPublished: true },
      registrationAuthority: { date: "2025-06-03", calendarPublished: true },
    });
  });

  it("moves a deadline on a weekend to the next working day", () => {
    // 31 March 2024 and 31 May 2026 are Sundays.
    expect(annualReportDueDates("social_service", 2023, settings, true)).toEqual({
      supervisoryUnit: { date: "2024-04-01", calendarPublished: true },
      registrationAuthority: { date: "2024-05-31", calendarPublished: true },
    });
    expect(annualReportDueDates("social_service", 2025, settings, true)).toEqual({
      supervisoryUnit: { date: "2026-03-31", calendarPublished: true },
      registrationAuthority: { date: "2026-06-01", calendarPublished: true },
    });
  });

  it("has no supervisory-unit date for a directly registered organization or a foundation", () => {
    expect(annualReportDueDates("social_group", 2024, settings, false)).toEqual({
      registrationAuthority: { date: "2025-06-03", calendarPublished: true },
    });
    expect(annualReportDueDates("foundation", 2024, settings, true)).toEqual({
      registrationAuthority: { date: "2025-06-03", calendarPublished: true },
    });
  });

  it("uses each type's own registration-authority date", () => {
    const foundationsInMarch = {
      ...settings,
      registrationAuthorityDue: { ...settings.registrationAuthorityDue, foundation: "03-31" },
    };
    expect(annualReportDueDates("foundation", 2024, foundationsInMarch, false).registrationAuthority).toEqual(
      {
        date: "2025-03-31",
        calendarPublished: true,
      },
    );
    expect(
      annualReportDueDates("social_group", 2024, foundationsInMarch, false).registrationAuthority.date,
    ).toBe("2025-06-03");
  });

  it("says when the due year has no published holiday calendar", () => {
    expect(annualReportDueDates("social_group", 2026, settings, true)).toEqual({
      supervisoryUnit: { date: "2027-03-31", calendarPublished: false },
      registrationAuthority: { date: "2027-05-31", calendarPublished: false },
    });
  });

  it("turns a 29 February deadline into 28 February in a common year", () => {
    const leapDay = { ...settings, supervisoryUnitDue: "02-29" };
    expect(annualReportDueDates("social_group", 2027, leapDay, true).supervisoryUnit?.date).toBe(
      "2028-02-29",
    );
    expect(annualReportDueDates("social_group", 2028, leapDay, true).supervisoryUnit?.date).toBe(
      "2029-02-28",
    );
  });

  it("rejects a deadline that is not a day of the year", () => {
    const bad = { ...settings, supervisoryUnitDue: "04-31" };
    expect(() => annualReportDueDates("social_group", 2024, bad, true)).toThrow(RangeError);
  });
});

describe("mustReport", () => {
  it("includes an organization registered on the year's last day and excludes one registered the day after", () => {
    expect(mustReport({ status: "registered", registeredOn: "2025-12-31" }, 2025)).toBe(true);
    expect(mustReport({ status: "registered", registeredOn: "2026-01-01" }, 2025)).toBe(false);
    expect(mustReport({ status: "registered", registeredOn: "2019-07-01" }, 2025)).toBe(true);
  });

  it("excludes an organization no longer registered", () => {
    expect(mustReport({ status: "deregistered", registeredOn: "2019-07-01" }, 2025)).toBe(false);
    expect(mustReport({ status: "revoked", registeredOn: "2019-07-01" }, 2025)).toBe(false);
  });
});
