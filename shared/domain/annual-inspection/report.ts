import { addYears, compareDates, type IsoDate, isValidIsoDate } from "../calendar/index.js";
import type { FieldProblem } from "../errors.js";

/** Whether a leader is a serving or retired official (领导干部), who needs approval to hold the post. */
export type OfficialStatus = "none" | "serving" | "retired";

export interface Leader {
  name: string;
  role: string;
  birthDate: IsoDate;
  official: OfficialStatus;
  /** The approval for an official to hold the post (领导干部兼职审批). */
  approvalRef?: string;
}

/** 年度工作报告: what an organization reports on a finished year. */
export interface AnnualReport {
  year: number;
  activities: string;
  finances: {
    incomeCny: number;
    expensesCny: number;
    netAssetsCny: number;
    publicWelfareSpendingCny: number;
    adminCostsCny: number;
    donationsFromAbroadCny?: number;
  };
  governance: {
    meetingsHeld: number;
    termStart: IsoDate;
    termEnd: IsoDate;
    electionsHeld?: number;
    charterAmended?: boolean;
  };
  leaders: Leader[];
  staff: { fullTime: number; partTime: number };
  branches?: number;
  auditReportRef?: string;
}

/** The youngest a leader may be. */
export const MINIMUM_LEADER_AGE = 16;

/** Completed years of age (周岁) on a date; someone born on 29 February turns a year older on 28 February in a common year. */
export function ageOn(birthDate: IsoDate, on: IsoDate): number {
  const years = Number(on.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return compareDates(addYears(birthDate, years), on) <= 0 ? years : years - 1;
}

function invalidDate(field: string, value: string): FieldProblem {
  return { field, code: "invalid_date", message: `${JSON.stringify(value)} is not a date (YYYY-MM-DD)` };
}

function financeProblems(finances: AnnualReport["finances"]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const parts = [
    ["publicWelfareSpendingCny", "Public-welfare spending (公益支出) is", finances.publicWelfareSpendingCny],
    ["adminCostsCny", "Administrative costs (管理费用) are", finances.adminCostsCny],
  ] as const;
  for (const [key, subject, amount] of parts) {
    if (amount > finances.expensesCny) {
      problems.push({
        field: `finances.${key}`,
        code: "exceeds_expenses",
        message: `${subject} ${amount} yuan, more than the year's expenses of ${finances.expensesCny} yuan (a share over 100%)`,
      });
    }
  }
  return problems;
}

function termProblems(governance: AnnualReport["governance"]): FieldProblem[] {
  const { termStart, termEnd } = governance;
  const problems: FieldProblem[] = [];
  if (!isValidIsoDate(termStart)) problems.push(invalidDate("governance.termStart", termStart));
  if (!isValidIsoDate(termEnd)) problems.push(invalidDate("governance.termEnd", termEnd));
  if (problems.length > 0) return problems;
  if (compareDates(termEnd, termStart) <= 0) {
    problems.push({
      field: "governance.termEnd",
      code: "term_end_not_after_start",
      message: `The term (届期) must end after it starts: ${termStart} to ${termEnd}`,
    });
  }
  return problems;
}

function yearProblems(year: number, registeredOn: IsoDate, today: IsoDate): FieldProblem[] {
  const registrationYear = Number(registeredOn.slice(0, 4));
  const currentYear = Number(today.slice(0, 4));
  if (year < registrationYear) {
    return [
      {
        field: "year",
        code: "year_before_registration",
        message: `The report is on ${year}, before the organization was registered on ${registeredOn}`,
      },
    ];
  }
  if (year >= currentYear) {
    return [
      {
        field: "year",
        code: "year_not_finished",
        message: `A report covers a finished year; ${year} has not ended on ${today}`,
      },
    ];
  }
  return [];
}

function leaderProblems(leaders: Leader[], today: IsoDate): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  leaders.forEach((leader, i) => {
    const name = leader.name.trim();
    if (seen.has(name)) {
      problems.push({
        field: `leaders.${i}.name`,
        code: "duplicate_leader",
        message: `${name} is listed more than once among the leaders`,
      });
    }
    seen.add(name);
    const field = `leaders.${i}.birthDate`;
    if (!isValidIsoDate(leader.birthDate)) {
      problems.push(invalidDate(field, leader.birthDate));
    } else if (compareDates(leader.birthDate, today) > 0) {
      problems.push({
        field,
        code: "birth_date_in_future",
        message: `${name}'s birth date ${leader.birthDate} is after today (${today})`,
      });
    } else if (ageOn(leader.birthDate, today) < MINIMUM_LEADER_AGE) {
      problems.push({
        field,
        code: "leader_too_young",
        message: `${name}, born ${leader.birthDate}, is younger than ${MINIMUM_LEADER_AGE} on ${today}`,
      });
    }
  });
  return problems;
}

/** Cross-field checks zod cannot express; each names its field path, e.g. "finances.publicWelfareSpendingCny". */
export function annualReportProblems(
  report: AnnualReport,
  context: { registeredOn: IsoDate; today: IsoDate },
): FieldProblem[] {
  return [
    ...yearProblems(report.year, context.registeredOn, context.today),
    ...financeProblems(report.finances),
    ...termProblems(report.governance),
    ...leaderProblems(report.leaders, context.today),
  ];
}
