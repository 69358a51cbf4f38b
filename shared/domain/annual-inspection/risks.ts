import { compareDates, type IsoDate, isValidIsoDate } from "../calendar/index.js";
import type { FoundationKind, OrgType } from "../registration/index.js";
import type { Severity } from "../risk/alerts.js";
import { type AnnualReport, ageOn } from "./report.js";

/** What a report shows that a regulator should see (风险预警), with the figures behind it. */
export interface RiskFlag {
  rule: string;
  severity: Severity;
  explanation: string;
  evidence: Record<string, unknown>;
}

export interface RiskContext {
  orgType: OrgType;
  /** Foundations only; a foundation without one is treated as non-public-fundraising. */
  foundationKind?: FoundationKind;
  leaderAgeLimit: number;
  /** The report's due date: ages and the term are judged on it. */
  asOf: IsoDate;
  previousIncomeCny?: number;
  previousNetAssetsCny?: number;
}

// Shares are compared as whole-number products so that 70% of an amount is never a rounded float.
const atLeastPercent = (amount: number, percent: number, of: number) => amount * 100 >= percent * of;
const atMostPercent = (amount: number, percent: number, of: number) => amount * 100 <= percent * of;

const yuan = (amount: number) => `${amount.toLocaleString("en-US")} yuan`;

function leaderFlags(report: AnnualReport, context: RiskContext): RiskFlag[] {
  const flags: RiskFlag[] = [];
  for (const leader of report.leaders) {
    // A malformed date is annualReportProblems' finding; there is no age to judge.
    const age = isValidIsoDate(leader.birthDate) ? ageOn(leader.birthDate, context.asOf) : undefined;
    if (age !== undefined && age > context.leaderAgeLimit) {
      flags.push({
        rule: "leader_over_age_limit",
        severity: "medium",
        explanation: `Leader ${leader.name} (${leader.role}) is ${age} on ${context.asOf}, over the age limit of ${context.leaderAgeLimit} (年龄超限)`,
        evidence: {
          name: leader.name,
          role: leader.role,
          birthDate: leader.birthDate,
          age,
          asOf: context.asOf,
          ageLimit: context.leaderAgeLimit,
        },
      });
    }
    if (leader.official !== "none" && (leader.approvalRef ?? "").trim() === "") {
      const who = leader.official === "serving" ? "a serving official" : "a retired official";
      flags.push({
        rule: "official_without_approval",
        severity: "high",
        explanation: `Leader ${leader.name} (${leader.role}) is ${who} holding the post without an approval reference (领导干部兼职未经审批)`,
        evidence: { name: leader.name, role: leader.role, official: leader.official },
      });
    }
  }
  return flags;
}

function termFlags(report: AnnualReport, context: RiskContext): RiskFlag[] {
  const { termStart, termEnd, electionsHeld } = report.governance;
  if (!isValidIsoDate(termEnd) || compareDates(termEnd, context.asOf) >= 0 || (electionsHeld ?? 0) > 0) {
    return [];
  }
  return [
    {
      rule: "term_overdue",
      severity: "high",
      explanation: `The term that ran from ${termStart} ended on ${termEnd}, before ${context.asOf}, and no election was held (超期未换届)`,
      evidence: { termStart, termEnd, electionsHeld: electionsHeld ?? 0, asOf: context.asOf },
    },
  ];
}

function meetingFlags(report: AnnualReport): RiskFlag[] {
  if (report.governance.meetingsHeld > 0) return [];
  return [
    {
      rule: "no_meetings_held",
      severity: "medium",
      explanation: `No meeting of the council or member congress was held in ${report.year} (未按章程召开会议)`,
      evidence: { year: report.year, meetingsHeld: report.governance.meetingsHeld },
    },
  ];
}

function foundationFlags(report: AnnualReport, context: RiskContext): RiskFlag[] {
  if (context.orgType !== "foundation") return [];
  const { publicWelfareSpendingCny: spending, adminCostsCny, expensesCny } = report.finances;
  const kind = context.foundationKind ?? "non_public";
  const flags: RiskFlag[] = [];
  if (kind === "non_public") {
    const previous = context.previousNetAssetsCny;
    if (previous !== undefined && !atLeastPercent(spending, 8, previous)) {
      flags.push({
        rule: "foundation_spending_below_8_percent",
        severity: "high",
        explanation: `Public-welfare spending of ${yuan(spending)} in ${report.year} is below 8% of the previous year's net assets of ${yuan(previous)} (非公募基金会公益支出不足)`,
        evidence: { year: report.year, foundationKind: kind, spending, previousNetAssetsCny: previous },
      });
    }
    return flags;
  }
  const previous = context.previousIncomeCny;
  if (previous !== undefined && !atLeastPercent(spending, 70, previous)) {
    flags.push({
      rule: "foundation_spending_below_70_percent",
      severity: "high",
      explanation: `Public-welfare spending of ${yuan(spending)} in ${report.year} is below 70% of the previous year's income of ${yuan(previous)} (公募基金会公益支出不足)`,
      evidence: { year: report.year, foundationKind: kind, spending, previousIncomeCny: previous },
    });
  }
  if (!atMostPercent(adminCostsCny, 10, expensesCny)) {
    flags.push({
      rule: "foundation_admin_costs_over_10_percent",
      severity: "medium",
      explanation: `Administrative costs of ${yuan(adminCostsCny)} in ${report.year} are over 10% of the year's expenses of ${yuan(expensesCny)} (管理费用超标)`,
      evidence: { year: report.year, foundationKind: kind, adminCostsCny, expensesCny },
    });
  }
  return flags;
}

/**
 * What a report shows that a regulator should see (风险预警): leaders over the age limit, officials without an
 * approval reference, a term overdue (it ended before `asOf`, the report's due date, with no election), a
 * foundation's spending rules, no meetings held. An official holding more than one post needs other
 * organizations' reports and is not judged here.
 */
export function annualReportRiskFlags(report: AnnualReport, context: RiskContext): RiskFlag[] {
  return [
    ...leaderFlags(report, context),
    ...termFlags(report, context),
    ...meetingFlags(report),
    ...foundationFlags(report, context),
  ];
}
