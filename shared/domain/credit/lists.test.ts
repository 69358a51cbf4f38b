import { describe, expect, it } from "vitest";
import type { CreditListEntry } from "../organizations/records.js";
import {
  abnormalListEntry,
  abnormalListExitDate,
  currentEntries,
  endListingOfUndoneMiss,
  LEGAL_GROUNDS,
  revocationConsiderationDue,
  seriousListDueOn,
  seriousListEntry,
  seriousListExitEligibleOn,
} from "./index.js";

const BUREAU = "嘉定区民政局";

const exited = (entry: CreditListEntry, until: string): CreditListEntry => ({ ...entry, until });

describe("list entries", () => {
  it("makes an abnormal-list entry (活动异常名录)", () => {
    expect(abnormalListEntry("annual_report_not_submitted", "2025-06-04", BUREAU)).toEqual({
      list: "abnormal",
      ground: "annual_report_not_submitted",
      since: "2025-06-04",
      decidedBy: BUREAU,
    });
  });

  it("makes a serious-list entry (严重违法失信名单)", () => {
    expect(seriousListEntry("large_fine", "2025-07-01", BUREAU)).toEqual({
      list: "serious",
      ground: "large_fine",
      since: "2025-07-01",
      decidedBy: BUREAU,
    });
  });

  it("refuses a malformed date", () => {
    expect(() => abnormalListEntry("unreachable_at_domicile", "2025-02-30", BUREAU)).toThrow(RangeError);
  });

  it("names the regulation and the case for every ground", () => {
    expect(Object.keys(LEGAL_GROUNDS)).toHaveLength(11);
    for (const text of Object.values(LEGAL_GROUNDS)) expect(text).toMatch(/^《社会组织信用信息管理办法》/);
    expect(LEGAL_GROUNDS.warning_or_small_fine).toContain("受到警告或者不满5万元罚款处罚");
    expect(LEGAL_GROUNDS.abnormal_list_two_years).toContain("被列入活动异常名录满2年");
  });
});

describe("currentEntries", () => {
  const open = abnormalListEntry("annual_report_not_submitted", "2025-06-04", BUREAU);
  const left = exited(abnormalListEntry("warning_or_small_fine", "2024-03-01", BUREAU), "2024-09-01");

  it("keeps entries made on or before the date and not yet exited", () => {
    expect(currentEntries([open, left], "2025-06-04")).toEqual([open]);
    expect(currentEntries([open, left], "2025-06-03")).toEqual([]);
  });

  it("counts the day of exit as off the list", () => {
    expect(currentEntries([left], "2024-08-31")).toEqual([left]);
    expect(currentEntries([left], "2024-09-01")).toEqual([]);
  });
});

describe("seriousListDueOn", () => {
  it("is two years after entry for a single open entry", () => {
    expect(seriousListDueOn([abnormalListEntry("annual_report_not_submitted", "2024-03-15", BUREAU)])).toBe(
      "2026-03-15",
    );
  });

  it("counts from the first entry of a continuous listing, whatever new ground followed", () => {
    const first = exited(abnormalListEntry("warning_or_small_fine", "2024-03-15", BUREAU), "2024-09-15");
    const second = abnormalListEntry("annual_report_not_submitted", "2024-09-15", BUREAU);
    expect(seriousListDueOn([second, first])).toBe("2026-03-15");
    const overlapping = exited(
      abnormalListEntry("unreachable_at_domicile", "2024-03-15", BUREAU),
      "2025-01-10",
    );
    const during = abnormalListEntry("rectification_not_completed", "2024-11-01", BUREAU);
    expect(seriousListDueOn([overlapping, during])).toBe("2026-03-15");
  });

  it("starts again after a time off the list", () => {
    const first = exited(abnormalListEntry("warning_or_small_fine", "2024-03-15", BUREAU), "2024-09-15");
    const later = abnormalListEntry("annual_report_not_submitted", "2024-09-16", BUREAU);
    expect(seriousListDueOn([first, later])).toBe("2026-09-16");
  });

  it("is undefined when nothing is open on the abnormal list", () => {
    expect(seriousListDueOn([])).toBeUndefined();
    const left = exited(abnormalListEntry("warning_or_small_fine", "2024-03-15", BUREAU), "2024-09-15");
    expect(
      seriousListDueOn([left, seriousListEntry("court_defaulter", "2025-01-01", BUREAU)]),
    ).toBeUndefined();
  });
});

describe("abnormalListExitDate", () => {
  it("is 5 working days after the remedy is verified, across National Day 2025", () => {
    const entry = abnormalListEntry("annual_report_not_submitted", "2025-06-04", BUREAU);
    expect(abnormalListExitDate(entry, "2025-09-30")).toEqual({
      date: "2025-10-14",
      calendarPublished: true,
    });
    expect(abnormalListExitDate(entry, "2025-07-07")).toEqual({
      date: "2025-07-14",
      calendarPublished: true,
    });
  });

  it("is 6 months after entry for a penalty, with nothing to remedy", () => {
    expect(abnormalListExitDate(abnormalListEntry("warning_or_small_fine", "2025-08-31", BUREAU))).toEqual({
      date: "2026-02-28",
      calendarPublished: true,
    });
  });

  it("has no date while a remedy is outstanding", () => {
    const entry = abnormalListEntry("rectification_not_completed", "2025-06-04", BUREAU);
    expect(() => abnormalListExitDate(entry)).toThrow(RangeError);
  });

  it("refuses a serious-list entry", () => {
    expect(() =>
      abnormalListExitDate(seriousListEntry("large_fine", "2025-06-04", BUREAU), "2025-07-01"),
    ).toThrow(RangeError);
  });
});

describe("seriousListExitEligibleOn", () => {
  it("is two years after entry", () => {
    expect(seriousListExitEligibleOn(seriousListEntry("abnormal_list_two_years", "2026-03-15", BUREAU))).toBe(
      "2028-03-15",
    );
    expect(seriousListExitEligibleOn(seriousListEntry("court_defaulter", "2024-02-29", BUREAU))).toBe(
      "2026-02-28",
    );
  });

  it("refuses an abnormal-list entry", () => {
    expect(() =>
      seriousListExitEligibleOn(abnormalListEntry("warning_or_small_fine", "2025-01-02", BUREAU)),
    ).toThrow(RangeError);
  });
});

describe("revocationConsiderationDue (连续两年未参加年检)", () => {
  const years = [2021, 2022, 2023, 2024];

  it("is due for two consecutive missing years", () => {
    const inspections = [
      { year: 2021, outcome: "pass" },
      { year: 2022, outcome: "basic_pass" },
    ];
    expect(revocationConsiderationDue(inspections, years, 2024)).toEqual({ due: true, years: [2023, 2024] });
    expect(revocationConsiderationDue([], [2023, 2024], 2024)).toEqual({ due: true, years: [2023, 2024] });
  });

  it("is not due for one missing year, or two apart", () => {
    const one = [
      { year: 2021, outcome: "pass" },
      { year: 2022, outcome: "pass" },
      { year: 2024, outcome: "fail" },
    ];
    expect(revocationConsiderationDue(one, years, 2024)).toEqual({ due: false, years: [2023] });
    const apart = [
      { year: 2022, outcome: "pass" },
      { year: 2024, outcome: "pass" },
    ];
    expect(revocationConsiderationDue(apart, years, 2024)).toEqual({ due: false, years: [2021, 2023] });
  });

  it("counts only years the organization had to report on, up to asOfYear", () => {
    expect(revocationConsiderationDue([], [2024], 2024)).toEqual({ due: false, years: [2024] });
    expect(revocationConsiderationDue([], [2023, 2024], 2023)).toEqual({ due: false, years: [2023] });
  });

  it("counts a pending inspection as missing only when overdueYears lists it", () => {
    const inspections = [
      { year: 2021, outcome: "pass" },
      { year: 2022, outcome: "pass" },
      { year: 2023, outcome: "pending" },
    ];
    expect(revocationConsiderationDue(inspections, years, 2024)).toEqual({ due: false, years: [2024] });
    expect(revocationConsiderationDue(inspections, years, 2024, [2021, 2022, 2023, 2024])).toEqual({
      due: true,
      years: [2023, 2024],
    });
  });

  it("does not count a year that is not yet overdue", () => {
    expect(revocationConsiderationDue([], [2023, 2024], 2024, [2023])).toEqual({ due: false, years: [2023] });
  });
});

describe("endListingOfUndoneMiss", () => {
  const missed = abnormalListEntry("annual_report_not_submitted", "2025-06-04", "system");
  const penalty = abnormalListEntry("warning_or_small_fine", "2025-06-04", "system");

  it("ends, on the day of the extension, the entry the missed time limit caused, and nothing else", () => {
    const entries = [penalty, missed];
    const after = endListingOfUndoneMiss(
      entries,
      { list: "abnormal", ground: "annual_report_not_submitted", since: "2025-06-04" },
      "2025-06-05",
    );
    expect(after).toEqual([penalty, { ...missed, until: "2025-06-05" }]);
    expect(currentEntries(after ?? [], "2025-06-05")).toEqual([penalty]);
  });

  it("leaves an entry of another miss, or one already exited, as it is", () => {
    const earlier = abnormalListEntry("annual_report_not_submitted", "2024-06-04", "system");
    const exited = { ...missed, until: "2025-06-10" };
    const listing = { list: "abnormal" as const, ground: "annual_report_not_submitted", since: "2025-06-04" };
    expect(endListingOfUndoneMiss([earlier], listing, "2025-06-12")).toBeUndefined();
    expect(endListingOfUndoneMiss([exited], listing, "2025-06-12")).toBeUndefined();
  });
});
