import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type AssessmentCandidate,
  assessmentEligibility,
  type EligibilityRules,
  type IneligibilityCode,
} from "./index.js";

const TODAY = "2025-06-15";
const RULES: EligibilityRules = { gradeValidityYears: 5, withdrawalBanYears: 2 };

/** Registered in 2020, passed its inspections, never graded, never listed. */
const eligible = (over: Partial<AssessmentCandidate> = {}): AssessmentCandidate => ({
  status: "registered",
  registeredOn: "2020-04-01",
  annualInspections: [
    { year: 2024, outcome: "pass" },
    { year: 2023, outcome: "pass" },
  ],
  creditLists: [],
  ...over,
});

const codes = (org: AssessmentCandidate, rules = RULES, today = TODAY) =>
  assessmentEligibility(org, today, rules).reasons.map((r) => r.code);

describe("who may apply for assessment (参评条件)", () => {
  it("admits an organization registered two full years and never graded", () => {
    expect(assessmentEligibility(eligible(), TODAY, RULES)).toEqual({ eligible: true, reasons: [] });
  });

  it("admits it on the day its second year is complete, not the day before", () => {
    const org = eligible({
      registeredOn: "2023-06-15",
      annualInspections: [{ year: 2024, outcome: "pass" }],
    });
    expect(codes(org)).toEqual([]);
    expect(codes(org, RULES, "2025-06-14")).toEqual(["registered_under_two_years"]);
  });

  it("admits a graded organization once its five years are over", () => {
    expect(codes(eligible({ grade: { level: "3A", validUntil: "2025-06-14" } }))).toEqual([]);
    expect(codes(eligible({ grade: { level: "3A", validUntil: "2025-06-15" } }))).toEqual([
      "grade_still_valid",
    ]);
  });

  it("lets a graded organization move up after three years only where the bureau allows it", () => {
    const org = eligible({ grade: { level: "3A", validUntil: "2027-06-01", awardedOn: "2022-06-02" } });
    expect(codes(org)).toEqual(["grade_still_valid"]);
    expect(codes(org, { ...RULES, moveUpAfterYears: 3 })).toEqual([]);
    expect(codes(org, { ...RULES, moveUpAfterYears: 3 }, "2025-06-01")).toEqual(["grade_still_valid"]);
    const top = eligible({ grade: { level: "5A", validUntil: "2027-06-01", awardedOn: "2022-06-02" } });
    expect(codes(top, { ...RULES, moveUpAfterYears: 3 })).toEqual(["grade_still_valid"]);
    // An imported grade without its award date counts back from its validity.
    const imported = eligible({ grade: { level: "2A", validUntil: "2027-06-01" } });
    expect(codes(imported, { ...RULES, moveUpAfterYears: 3 })).toEqual([]);
  });

  it.each<[string, Partial<AssessmentCandidate>, IneligibilityCode]>([
    [
      "last year's inspection missed",
      { annualInspections: [{ year: 2023, outcome: "pass" }] },
      "inspection_missed",
    ],
    [
      "last year's inspection not concluded",
      { annualInspections: [{ year: 2024, outcome: "pending" }] },
      "inspection_missed",
    ],
    ["last year failed", { annualInspections: [{ year: 2024, outcome: "fail" }] }, "inspection_failed"],
    [
      "基本合格 two years running",
      {
        annualInspections: [
          { year: 2024, outcome: "basic_pass" },
          { year: 2023, outcome: "basic_pass" },
        ],
      },
      "basic_pass_twice",
    ],
    [
      "a penalty last year",
      { penalties: [{ decidedOn: "2024-11-02", carriedOut: true }] },
      "penalized_last_year",
    ],
    [
      "a penalty not carried out",
      { penalties: [{ decidedOn: "2022-03-01", carriedOut: false }] },
      "penalty_not_carried_out",
    ],
    ["under investigation", { investigations: [{ openedOn: "2025-05-01" }] }, "under_investigation"],
    [
      "on the abnormal list",
      {
        creditLists: [
          { list: "abnormal", ground: "annual_report_not_submitted", since: "2025-06-04", decidedBy: "x" },
        ],
      },
      "on_credit_list",
    ],
    [
      "on the serious list",
      { creditLists: [{ list: "serious", ground: "large_fine", since: "2024-01-04", decidedBy: "x" }] },
      "on_credit_list",
    ],
    ["withdrawn within two years", { gradeWithdrawnOn: "2023-06-16" }, "withdrawn_recently"],
    ["deregistered", { status: "deregistered" }, "not_registered"],
  ])("refuses an organization %s", (_, over, code) => {
    const result = assessmentEligibility(eligible(over), TODAY, RULES);
    expect(result.eligible).toBe(false);
    expect(result.reasons.map((r) => r.code)).toEqual([code]);
    expect(result.reasons[0]?.message).toBeTruthy();
  });

  it("does not hold what has ended against it", () => {
    expect(
      codes(
        eligible({
          annualInspections: [
            { year: 2024, outcome: "basic_pass" },
            { year: 2023, outcome: "pass" },
          ],
          penalties: [{ decidedOn: "2023-05-01", carriedOut: true }],
          investigations: [{ openedOn: "2024-01-01", closedOn: "2024-09-01" }],
          creditLists: [
            {
              list: "abnormal",
              ground: "annual_report_not_submitted",
              since: "2024-06-04",
              until: "2024-12-01",
              decidedBy: "x",
            },
          ],
          gradeWithdrawnOn: "2023-06-15",
        }),
      ),
    ).toEqual([]);
  });

  it("gives every reason that applies at once", () => {
    const org = eligible({
      registeredOn: "2024-03-01",
      annualInspections: [{ year: 2024, outcome: "fail" }],
      penalties: [{ decidedOn: "2024-10-10", carriedOut: false }],
      creditLists: [
        { list: "abnormal", ground: "rectification_not_completed", since: "2025-02-01", decidedBy: "x" },
      ],
      gradeWithdrawnOn: "2024-12-01",
    });
    expect(codes(org)).toEqual([
      "registered_under_two_years",
      "inspection_failed",
      "penalized_last_year",
      "penalty_not_carried_out",
      "on_credit_list",
      "withdrawn_recently",
    ]);
  });

  it("asks nothing about last year of an organization registered after it ended", () => {
    expect(
      codes(eligible({ registeredOn: "2025-01-10", annualInspections: [] }), RULES, "2027-02-01"),
    ).toEqual(["inspection_missed"]);
    expect(
      codes(eligible({ registeredOn: "2025-01-10", annualInspections: [] }), RULES, "2025-06-01"),
    ).toEqual(["registered_under_two_years"]);
  });

  // Each ground, independently present or absent, shows up exactly when it applies.
  const grounds = fc.record({
    young: fc.boolean(),
    graded: fc.boolean(),
    last: fc.constantFrom("pass", "basic_pass", "fail", "pending", "none"),
    before: fc.constantFrom("pass", "basic_pass"),
    penaltyLastYear: fc.boolean(),
    penaltyOutstanding: fc.boolean(),
    investigated: fc.boolean(),
    listed: fc.boolean(),
    withdrawn: fc.boolean(),
  });

  it("refuses exactly when some ground applies, and names each one (property)", () => {
    fc.assert(
      fc.property(grounds, (g) => {
        const org: AssessmentCandidate = eligible({
          registeredOn: g.young ? "2023-12-01" : "2020-04-01",
          annualInspections: [
            ...(g.last === "none" ? [] : [{ year: 2024, outcome: g.last as "pass" }]),
            { year: 2023, outcome: g.before },
          ],
          ...(g.graded ? { grade: { level: "4A" as const, validUntil: "2027-01-01" } } : {}),
          penalties: [
            ...(g.penaltyLastYear ? [{ decidedOn: "2024-02-02", carriedOut: true }] : []),
            ...(g.penaltyOutstanding ? [{ decidedOn: "2022-02-02", carriedOut: false }] : []),
          ],
          investigations: g.investigated ? [{ openedOn: "2025-01-01" }] : [],
          creditLists: g.listed
            ? [{ list: "abnormal", ground: "unreachable_at_domicile", since: "2025-01-01", decidedBy: "x" }]
            : [],
          ...(g.withdrawn ? { gradeWithdrawnOn: "2024-01-01" } : {}),
        });
        const expected: IneligibilityCode[] = [];
        if (g.young) expected.push("registered_under_two_years");
        if (g.graded) expected.push("grade_still_valid");
        if (g.last === "none" || g.last === "pending") expected.push("inspection_missed");
        if (g.last === "fail") expected.push("inspection_failed");
        if (g.last === "basic_pass" && g.before === "basic_pass") expected.push("basic_pass_twice");
        if (g.penaltyLastYear) expected.push("penalized_last_year");
        if (g.penaltyOutstanding) expected.push("penalty_not_carried_out");
        if (g.investigated) expected.push("under_investigation");
        if (g.listed) expected.push("on_credit_list");
        if (g.withdrawn) expected.push("withdrawn_recently");
        const result = assessmentEligibility(org, TODAY, RULES);
        expect(result.reasons.map((r) => r.code)).toEqual(expected);
        expect(result.eligible).toBe(expected.length === 0);
      }),
    );
  });
});
