import { describe, expect, it } from "vitest";
import { type AnnualReport, annualReportRiskFlags, type Leader, type RiskContext } from "./index.js";

const wang: Leader = { name: "王五", role: "理事长", birthDate: "1960-03-15", official: "none" };
const zhao: Leader = {
  name: "赵六",
  role: "秘书长",
  birthDate: "1985-11-02",
  official: "serving",
  approvalRef: "沪组干〔2022〕12号",
};

const report: AnnualReport = {
  year: 2025,
  activities: "开展社区养老服务。",
  finances: {
    incomeCny: 1_000_000,
    expensesCny: 1_000_000,
    netAssetsCny: 5_000_000,
    publicWelfareSpendingCny: 800_000,
    adminCostsCny: 100_000,
  },
  governance: { meetingsHeld: 2, termStart: "2022-06-01", termEnd: "2027-05-31" },
  leaders: [wang, zhao],
  staff: { fullTime: 4, partTime: 2 },
};

const context: RiskContext = { orgType: "social_group", leaderAgeLimit: 70, asOf: "2026-05-31" };

const rules = (r: AnnualReport, ctx: RiskContext = context) =>
  annualReportRiskFlags(r, ctx).map((f) => f.rule);

describe("annualReportRiskFlags", () => {
  it("raises nothing on a report in order", () => {
    expect(annualReportRiskFlags(report, context)).toEqual([]);
  });

  it("flags a leader over the age limit, and not one exactly at it", () => {
    const old = { ...report, leaders: [{ ...wang, birthDate: "1954-01-10" }] };
    expect(annualReportRiskFlags(old, context)).toEqual([
      {
        rule: "leader_over_age_limit",
        severity: "medium",
        explanation: "Leader 王五 (理事长) is 72 on 2026-05-31, over the age limit of 70 (年龄超限)",
        evidence: {
          name: "王五",
          role: "理事长",
          birthDate: "1954-01-10",
          age: 72,
          asOf: "2026-05-31",
          ageLimit: 70,
        },
      },
    ]);
    const seventy = { ...report, leaders: [{ ...wang, birthDate: "1956-01-10" }] };
    expect(rules(seventy)).toEqual([]);
  });

  it("flags a serving or retired official without an approval reference", () => {
    const leaders = [
      { name: "钱七", role: "副会长", birthDate: "1968-02-01", official: "serving" as const },
      {
        name: "孙八",
        role: "监事长",
        birthDate: "1958-07-20",
        official: "retired" as const,
        approvalRef: " ",
      },
    ];
    const flags = annualReportRiskFlags({ ...report, leaders }, context);
    expect(flags.map((f) => [f.rule, f.severity])).toEqual([
      ["official_without_approval", "high"],
      ["official_without_approval", "high"],
    ]);
    expect(flags[0]?.explanation).toBe(
      "Leader 钱七 (副会长) is a serving official holding the post without an approval reference (领导干部兼职未经审批)",
    );
  });

  it("flags a term that ended before the due date without an election", () => {
    const ended = {
      ...report,
      governance: { ...report.governance, termStart: "2020-06-01", termEnd: "2025-05-31" },
    };
    expect(annualReportRiskFlags(ended, context)).toEqual([
      {
        rule: "term_overdue",
        severity: "high",
        explanation:
          "The term that ran from 2020-06-01 ended on 2025-05-31, before 2026-05-31, and no election was held (超期未换届)",
        evidence: { termStart: "2020-06-01", termEnd: "2025-05-31", electionsHeld: 0, asOf: "2026-05-31" },
      },
    ]);
    expect(rules({ ...ended, governance: { ...ended.governance, electionsHeld: 1 } })).toEqual([]);
    const endsOnDueDate = { ...report, governance: { ...report.governance, termEnd: "2026-05-31" } };
    expect(rules(endsOnDueDate)).toEqual([]);
  });

  it("flags a year without meetings", () => {
    expect(rules({ ...report, governance: { ...report.governance, meetingsHeld: 0 } })).toEqual([
      "no_meetings_held",
    ]);
  });

  describe("a public-fundraising foundation", () => {
    const foundation: RiskContext = {
      ...context,
      orgType: "foundation",
      foundationKind: "local_public",
      previousIncomeCny: 1_000_000,
    };

    it("spends at least 70% of the previous year's income", () => {
      expect(rules(report, foundation)).toEqual([]);
      const at70 = { ...report, finances: { ...report.finances, publicWelfareSpendingCny: 700_000 } };
      expect(rules(at70, foundation)).toEqual([]);
      const below = { ...report, finances: { ...report.finances, publicWelfareSpendingCny: 699_999 } };
      const flags = annualReportRiskFlags(below, foundation);
      expect(flags.map((f) => f.rule)).toEqual(["foundation_spending_below_70_percent"]);
      expect(flags[0]?.explanation).toBe(
        "Public-welfare spending of 699,999 yuan in 2025 is below 70% of the previous year's income of 1,000,000 yuan (公募基金会公益支出不足)",
      );
    });

    it("is not judged on spending when the previous year's income is not given", () => {
      const below = { ...report, finances: { ...report.finances, publicWelfareSpendingCny: 10_000 } };
      expect(rules(below, { ...foundation, previousIncomeCny: undefined })).toEqual([]);
    });

    it("keeps administrative costs at or under 10% of the year's expenses", () => {
      const over = { ...report, finances: { ...report.finances, adminCostsCny: 100_001 } };
      expect(rules(over, foundation)).toEqual(["foundation_admin_costs_over_10_percent"]);
    });
  });

  describe("a non-public-fundraising foundation", () => {
    const foundation: RiskContext = {
      ...context,
      orgType: "foundation",
      foundationKind: "non_public",
      previousNetAssetsCny: 10_000_000,
    };

    it("spends at least 8% of the previous year's net assets", () => {
      const at8 = { ...report, finances: { ...report.finances, publicWelfareSpendingCny: 800_000 } };
      expect(rules(at8, foundation)).toEqual([]);
      const below = { ...report, finances: { ...report.finances, publicWelfareSpendingCny: 799_999 } };
      expect(rules(below, foundation)).toEqual(["foundation_spending_below_8_percent"]);
    });

    it("is the default kind, and has no 10% administrative-cost rule", () => {
      const below = {
        ...report,
        finances: { ...report.finances, publicWelfareSpendingCny: 100_000, adminCostsCny: 300_000 },
      };
      expect(rules(below, { ...foundation, foundationKind: undefined })).toEqual([
        "foundation_spending_below_8_percent",
      ]);
    });
  });

  it("applies no foundation rule to a social group", () => {
    const low = {
      ...report,
      finances: { ...report.finances, publicWelfareSpendingCny: 0, adminCostsCny: 900_000 },
    };
    expect(rules(low, { ...context, previousIncomeCny: 1_000_000, previousNetAssetsCny: 1_000_000 })).toEqual(
      [],
    );
  });
});
