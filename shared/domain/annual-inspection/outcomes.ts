import {
  addDays,
  type CalendarResult,
  compareDates,
  type IsoDate,
  statutoryPeriodEnd,
} from "../calendar/index.js";
import type { Grade } from "../organizations/records.js";
import type { OrgType } from "../registration/index.js";

/** 合格, 基本合格, 不合格. */
export type InspectionOutcome = "pass" | "basic_pass" | "fail";

/** 基本合格 and 不合格 come with a rectification (整改) and its deadline (default 30 days, a parameter). */
export function rectificationDue(
  outcome: InspectionOutcome,
  decidedOn: IsoDate,
  periodDays: number,
): CalendarResult | undefined {
  if (!Number.isInteger(periodDays) || periodDays <= 0) {
    throw new RangeError(`Not a rectification period in days: ${periodDays}`);
  }
  if (outcome === "pass") return undefined;
  return statutoryPeriodEnd(addDays(decidedOn, periodDays));
}

const GRADE_RANK: Record<Grade, number> = { "1A": 1, "2A": 2, "3A": 3, "4A": 4, "5A": 5 };

/** 4A and above (grade still valid on `asOf`) may take the simplified procedure: no supervisory pre-review. */
export function simplifiedProcedure(
  grade: { level: Grade; validUntil: IsoDate } | undefined,
  asOf: IsoDate,
  simplifiedFromGrade: Grade,
): boolean {
  if (grade === undefined) return false;
  return (
    compareDates(asOf, grade.validUntil) <= 0 && GRADE_RANK[grade.level] >= GRADE_RANK[simplifiedFromGrade]
  );
}

/**
 * Dual management (双重管理, 业务主管单位) means a pre-review by the supervisory unit, unless simplified.
 * Foundations report to the registration authority alone, as annualReportDueDates has it.
 */
export function requiresSupervisoryPreReview(
  org: { supervisoryUnit?: string; orgType: OrgType },
  simplified: boolean,
): boolean {
  if (simplified || org.orgType === "foundation") return false;
  return (org.supervisoryUnit ?? "").trim() !== "";
}

export const OUTCOME_NAMES: Record<InspectionOutcome, string> = {
  pass: "合格",
  basic_pass: "基本合格",
  fail: "不合格",
};
