import { describe, expect, it } from "vitest";
import { type AnnualReport, ageOn, annualReportProblems, type Leader } from "./index.js";

const wang: Leader = { name: "王五", role: "会长", birthDate: "1960-03-15", official: "none" };
const zhao: Leader = {
  name: "赵六",
  role: "秘书长",
  birthDate: "1985-11-02",
  official: "retired",
  approvalRef: "沪组干〔2022〕12号",
};

const report: AnnualReport = {
  year: 2025,
  activities: "举办行业论坛两场，开展会员培训。",
  finances: {
    incomeCny: 1_200_000,
    expensesCny: 1_000_000,
    netAssetsCny: 800_000,
    publicWelfareSpendingCny: 700_000,
    adminCostsCny: 90_000,
  },
  governance: { meetingsHeld: 2, termStart: "2022-06-01", termEnd: "2027-05-31" },
  leaders: [wang, zhao],
  staff: { fullTime: 4, partTime: 2 },
};

const context = { registeredOn: "2018-04-20", today: "2026-04-10" };

const problemsWith = (change: (r: AnnualReport) => AnnualReport, ctx = context) =>
  annualReportProblems(change(structuredClone(report)), ctx).map(({ field, code }) => ({ field, code }));

describe("annualReportProblems", () => {
  it("finds nothing in a consistent report, officials included", () => {
    expect(annualReportProblems(report, context)).toEqual([]);
  });

  it("refuses public-welfare spending greater than the year's expenses", () => {
    expect(
      problemsWith((r) => ({ ...r, finances: { ...r.finances, publicWelfareSpendingCny: 1_000_001 } })),
    ).toEqual([{ field: "finances.publicWelfareSpendingCny", code: "exceeds_expenses" }]);
  });

  it("refuses administrative costs greater than the year's expenses, and allows exactly 100%", () => {
    expect(problemsWith((r) => ({ ...r, finances: { ...r.finances, adminCostsCny: 1_500_000 } }))).toEqual([
      { field: "finances.adminCostsCny", code: "exceeds_expenses" },
    ]);
    expect(
      problemsWith((r) => ({ ...r, finances: { ...r.finances, publicWelfareSpendingCny: 1_000_000 } })),
    ).toEqual([]);
  });

  it("refuses a term that does not end after it starts", () => {
    expect(
      problemsWith((r) => ({ ...r, governance: { ...r.governance, termEnd: r.governance.termStart } })),
    ).toEqual([{ field: "governance.termEnd", code: "term_end_not_after_start" }]);
  });

  it("names a malformed term date instead of throwing", () => {
    expect(problemsWith((r) => ({ ...r, governance: { ...r.governance, termStart: "2022-02-30" } }))).toEqual(
      [{ field: "governance.termStart", code: "invalid_date" }],
    );
  });

  it("refuses a year before the registration year", () => {
    expect(problemsWith((r) => ({ ...r, year: 2017 }))).toEqual([
      { field: "year", code: "year_before_registration" },
    ]);
    expect(problemsWith((r) => ({ ...r, year: 2018 }))).toEqual([]);
  });

  it("refuses the current year and later: a report covers a finished year", () => {
    expect(problemsWith((r) => ({ ...r, year: 2026 }))).toEqual([
      { field: "year", code: "year_not_finished" },
    ]);
    expect(problemsWith((r) => ({ ...r, year: 2027 }))).toEqual([
      { field: "year", code: "year_not_finished" },
    ]);
  });

  it("refuses a leader's birth date in the future", () => {
    expect(problemsWith((r) => ({ ...r, leaders: [wang, { ...zhao, birthDate: "2026-04-11" }] }))).toEqual([
      { field: "leaders.1.birthDate", code: "birth_date_in_future" },
    ]);
  });

  it("refuses a leader younger than 16 on the day, and accepts one who turns 16 that day", () => {
    const born = (birthDate: string) => problemsWith((r) => ({ ...r, leaders: [{ ...wang, birthDate }] }));
    expect(born("2010-04-11")).toEqual([{ field: "leaders.0.birthDate", code: "leader_too_young" }]);
    expect(born("2010-04-10")).toEqual([]);
  });

  it("refuses the same leader twice", () => {
    expect(
      problemsWith((r) => ({
        ...r,
        leaders: [...r.leaders, { ...wang, name: " 王五 ", role: "监事" }],
      })),
    ).toEqual([{ field: "leaders.2.name", code: "duplicate_leader" }]);
  });

  it("says what is wrong in a sentence", () => {
    const [problem] = annualReportProblems(
      { ...report, finances: { ...report.finances, expensesCny: 600_000 } },
      context,
    );
    expect(problem?.message).toBe(
      "Public-welfare spending (公益支出) is 700000 yuan, more than the year's expenses of 600000 yuan (a share over 100%)",
    );
  });
});

describe("ageOn", () => {
  it("counts completed years, the birthday included", () => {
    expect(ageOn("1956-05-31", "2026-05-30")).toBe(69);
    expect(ageOn("1956-05-31", "2026-05-31")).toBe(70);
  });

  it("ages someone born on 29 February on 28 February of a common year", () => {
    expect(ageOn("2008-02-29", "2025-02-27")).toBe(16);
    expect(ageOn("2008-02-29", "2025-02-28")).toBe(17);
    expect(ageOn("2008-02-29", "2028-02-28")).toBe(19);
    expect(ageOn("2008-02-29", "2028-02-29")).toBe(20);
  });
});
