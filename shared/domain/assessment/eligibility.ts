import { addYears, compareDates, type IsoDate } from "../calendar/index.js";
import { currentEntries } from "../credit/index.js";
import type { CreditListEntry, Grade } from "../organizations/records.js";
import { gradeRank } from "./grades.js";

/** The codes of API.md ("Grade assessment"): one per reason an organization is not assessed. */
export type IneligibilityCode =
  | "not_registered"
  | "registered_under_two_years"
  | "grade_still_valid"
  | "inspection_missed"
  | "inspection_failed"
  | "basic_pass_twice"
  | "penalized_last_year"
  | "penalty_not_carried_out"
  | "under_investigation"
  | "on_credit_list"
  | "withdrawn_recently";

export interface IneligibilityReason {
  code: IneligibilityCode;
  message: string;
}

/** What eligibility reads about an organization, as of a day. */
export interface AssessmentCandidate {
  status: "registered" | "deregistered" | "revoked";
  registeredOn: IsoDate;
  grade?: { level: Grade; validUntil: IsoDate; awardedOn?: IsoDate };
  /** The day a regulator last withdrew its grade (撤销等级). */
  gradeWithdrawnOn?: IsoDate;
  annualInspections: readonly { year: number; outcome: "pass" | "basic_pass" | "fail" | "pending" }[];
  creditLists: readonly CreditListEntry[];
  penalties?: readonly { decidedOn: IsoDate; carriedOut: boolean }[];
  /** 立案调查: an investigation opened and not yet closed. */
  investigations?: readonly { openedOn: IsoDate; closedOn?: IsoDate }[];
}

export interface EligibilityRules {
  /** Years a grade is valid (5). */
  gradeValidityYears: number;
  /** Years after which a graded organization may apply to move up, where the bureau allows it; unset, never. */
  moveUpAfterYears?: number;
  /** Years a withdrawn organization may not apply again (2). */
  withdrawalBanYears: number;
}

const REGISTERED_FULL_YEARS = 2;

/**
 * 参加评估的条件 (DOMAIN.md §6): registered two full years and never graded, or the grade's five years are over
 * (or, where the bureau allows, three years on for a higher grade); and none of the grounds for not assessing.
 * Every reason that applies is given, so an organization learns all it must put right at once.
 */
export function assessmentEligibility(
  org: AssessmentCandidate,
  today: IsoDate,
  rules: EligibilityRules,
): { eligible: boolean; reasons: IneligibilityReason[] } {
  const reasons: IneligibilityReason[] = [];
  const add = (code: IneligibilityCode, message: string) => reasons.push({ code, message });
  const onOrBefore = (a: IsoDate, b: IsoDate) => compareDates(a, b) <= 0;

  if (org.status !== "registered") add("not_registered", `the organization is ${org.status}`);
  const twoFullYears = addYears(org.registeredOn, REGISTERED_FULL_YEARS);
  if (!onOrBefore(twoFullYears, today)) {
    add(
      "registered_under_two_years",
      `registered on ${org.registeredOn}: two full years are complete on ${twoFullYears}`,
    );
  }
  if (org.grade && onOrBefore(today, org.grade.validUntil) && !mayMoveUp(org.grade, today, rules)) {
    add("grade_still_valid", `the ${org.grade.level} grade is valid until ${org.grade.validUntil}`);
  }

  const lastYear = Number(today.slice(0, 4)) - 1;
  const outcomeOf = (year: number) => org.annualInspections.find((i) => i.year === year)?.outcome;
  const last = outcomeOf(lastYear);
  // An organization registered after last year ended had nothing to report on it.
  const mustHaveReported = compareDates(org.registeredOn, `${lastYear}-12-31`) <= 0;
  if (mustHaveReported && (last === undefined || last === "pending")) {
    add(
      "inspection_missed",
      last === "pending"
        ? `the ${lastYear} annual inspection is not concluded`
        : `no ${lastYear} annual inspection`,
    );
  }
  if (last === "fail") add("inspection_failed", `the ${lastYear} annual inspection was failed (不合格)`);
  if (last === "basic_pass" && outcomeOf(lastYear - 1) === "basic_pass") {
    add("basic_pass_twice", `基本合格 in both ${lastYear - 1} and ${lastYear}`);
  }

  for (const penalty of org.penalties ?? []) {
    if (Number(penalty.decidedOn.slice(0, 4)) === lastYear) {
      add("penalized_last_year", `an administrative penalty decided on ${penalty.decidedOn}`);
    }
    if (!penalty.carriedOut) {
      add("penalty_not_carried_out", `the penalty decided on ${penalty.decidedOn} is not yet carried out`);
    }
  }
  for (const investigation of org.investigations ?? []) {
    if (
      onOrBefore(investigation.openedOn, today) &&
      !(investigation.closedOn && onOrBefore(investigation.closedOn, today))
    ) {
      add("under_investigation", `under investigation since ${investigation.openedOn}`);
    }
  }
  for (const entry of currentEntries([...org.creditLists], today)) {
    add(
      "on_credit_list",
      `on the ${entry.list === "abnormal" ? "abnormal activity list (活动异常名录)" : "serious list (严重违法失信名单)"} since ${entry.since}`,
    );
  }
  if (org.gradeWithdrawnOn) {
    const again = addYears(org.gradeWithdrawnOn, rules.withdrawalBanYears);
    if (compareDates(today, again) < 0) {
      add(
        "withdrawn_recently",
        `the grade was withdrawn on ${org.gradeWithdrawnOn}: no application before ${again}`,
      );
    }
  }
  return { eligible: reasons.length === 0, reasons };
}

/** A graded organization may seek a higher grade once `moveUpAfterYears` have passed, where the bureau allows it. */
function mayMoveUp(
  grade: NonNullable<AssessmentCandidate["grade"]>,
  today: IsoDate,
  rules: EligibilityRules,
): boolean {
  if (rules.moveUpAfterYears === undefined || gradeRank(grade.level) === gradeRank("5A")) return false;
  const awardedOn = grade.awardedOn ?? addYears(grade.validUntil, -rules.gradeValidityYears);
  return compareDates(addYears(awardedOn, rules.moveUpAfterYears), today) <= 0;
}
