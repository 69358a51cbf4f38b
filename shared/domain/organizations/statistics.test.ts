import { describe, expect, it } from "vitest";
import type { OrganizationRecord } from "./records.js";
import { jurisdictionStatistics } from "./statistics.js";

const org = (over: Partial<OrganizationRecord>): OrganizationRecord => ({
  uscc: "x",
  name: "n",
  orgType: "social_group",
  status: "registered",
  jurisdiction: "310114",
  registeredOn: "2019-01-01",
  contact: { email: "a@b.org", phone: "13800000000" },
  creditLists: [],
  annualInspections: [],
  createdAt: "2025-01-01T00:00:00Z",
  version: 1,
  ...over,
});

describe("jurisdictionStatistics", () => {
  it("counts the register, the report completion of a year, the 3A-and-above share and the lists", () => {
    const stats = jurisdictionStatistics(
      [
        org({
          annualInspections: [{ year: 2025, outcome: "pass" }],
          grade: { level: "4A", validUntil: "2028-01-01" },
        }),
        org({
          orgType: "foundation",
          annualInspections: [{ year: 2025, outcome: "pending" }],
          grade: { level: "3A", validUntil: "2025-12-31" },
        }),
        org({ orgType: "social_service", grade: { level: "2A", validUntil: "2029-01-01" } }),
        org({ registeredOn: "2026-02-01", grade: { level: "5A", validUntil: "2030-01-01" } }),
        org({
          creditLists: [
            {
              list: "abnormal",
              ground: "annual_report_not_submitted",
              since: "2026-06-02",
              decidedBy: "system",
            },
          ],
        }),
        org({ status: "revoked" }),
      ],
      2025,
      "2026-07-01",
    );
    expect(stats.organizations).toEqual({
      total: 6,
      byType: { social_group: 4, foundation: 1, social_service: 1 },
      byStatus: { registered: 5, revoked: 1 },
    });
    // The org registered in 2026 does not report on 2025; the revoked one is out of the register.
    expect(stats.annualReports).toEqual({
      year: 2025,
      mustReport: 4,
      filed: 2,
      outcomes: { pending: 1, pass: 1, basic_pass: 0, fail: 0 },
      completionRate: 0.5,
    });
    // The 3A grade expired on 2025-12-31: it no longer counts.
    expect(stats.grades).toEqual({
      graded: 3,
      byLevel: { "4A": 1, "2A": 1, "5A": 1 },
      threeAAndAbove: 2,
      shareThreeAAndAbove: 0.4,
      byType: {
        social_group: { organizations: 3, threeAAndAbove: 2, shareThreeAAndAbove: 0.6667 },
        social_service: { organizations: 1, threeAAndAbove: 0, shareThreeAAndAbove: 0 },
        foundation: { organizations: 1, threeAAndAbove: 0, shareThreeAAndAbove: 0 },
      },
      expiringWithin12Months: [],
    });
    expect(stats.creditLists).toEqual({ abnormal: 1, serious: 0 });
  });

  it("counts the valid grades that lapse within the next 12 months by day and level, soonest first", () => {
    const stats = jurisdictionStatistics(
      [
        org({ uscc: "a", grade: { level: "3A", validUntil: "2027-06-30" } }),
        org({ uscc: "b", grade: { level: "4A", validUntil: "2026-08-01" } }),
        org({ uscc: "c", grade: { level: "2A", validUntil: "2026-06-30" } }),
        org({ uscc: "d", grade: { level: "5A", validUntil: "2027-07-01" } }),
        org({ uscc: "e", grade: { level: "4A", validUntil: "2026-08-01" } }),
      ],
      2025,
      "2026-07-01",
    );
    expect(stats.grades.expiringWithin12Months).toEqual([
      { validUntil: "2026-08-01", level: "4A", organizations: 2 },
      { validUntil: "2027-06-30", level: "3A", organizations: 1 },
    ]);
  });

  it("is all zeros for an empty jurisdiction", () => {
    const stats = jurisdictionStatistics([], 2025, "2026-01-01");
    expect(stats.annualReports.completionRate).toBe(0);
    expect(stats.grades.shareThreeAAndAbove).toBe(0);
  });
});
