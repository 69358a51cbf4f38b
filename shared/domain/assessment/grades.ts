import { addDays, addYears, compareDates, type IsoDate } from "../calendar/index.js";
import type { Grade } from "../organizations/records.js";

export const GRADES: readonly Grade[] = ["5A", "4A", "3A", "2A", "1A"];

const GRADE_RANK: Record<Grade, number> = { "1A": 1, "2A": 2, "3A": 3, "4A": 4, "5A": 5 };

export const gradeRank = (grade: Grade): number => GRADE_RANK[grade];

/** The lowest total that earns each grade (a setting per bureau). */
export type GradeThresholds = Record<Grade, number>;

/** DOMAIN.md §6: 5A ≥ 950, 4A 901–950, 3A 851–900, 2A 801–850, 1A 751–800 (950 itself is 5A). */
export const DEFAULT_GRADE_THRESHOLDS: GradeThresholds = {
  "5A": 950,
  "4A": 901,
  "3A": 851,
  "2A": 801,
  "1A": 751,
};

/** Problems with a set of thresholds: each grade must need strictly more than the one below it. */
export function gradeThresholdProblems(thresholds: GradeThresholds): { grade: Grade; message: string }[] {
  const problems: { grade: Grade; message: string }[] = [];
  for (let i = 0; i + 1 < GRADES.length; i++) {
    const higher = GRADES[i] as Grade;
    const lower = GRADES[i + 1] as Grade;
    if (thresholds[higher] <= thresholds[lower]) {
      problems.push({ grade: higher, message: `${higher} must need more points than ${lower}` });
    }
  }
  return problems;
}

/** 评估等级: the highest grade whose threshold the total reaches; below 1A's, no grade. */
export function gradeForTotal(total: number, thresholds: GradeThresholds): Grade | undefined {
  return GRADES.find((grade) => total >= thresholds[grade]);
}

/** 3A and above: priority in government purchase of services, and the pre-tax deduction application. */
export const isThreeAAndAbove = (grade: Grade): boolean => GRADE_RANK[grade] >= GRADE_RANK["3A"];

/** 有效期: five years (a setting) from the announcement, the announcement day being the first. */
export function gradeValidUntil(announcedOn: IsoDate, validityYears: number): IsoDate {
  return addDays(addYears(announcedOn, validityYears), -1);
}

/** A grade counts through its last valid day. */
export function isGradeValid(grade: { validUntil: IsoDate } | undefined, asOf: IsoDate): boolean {
  return grade !== undefined && compareDates(asOf, grade.validUntil) <= 0;
}

/** The grade_expiry deadline falls on the last valid day; the day after, the grade has lapsed. */
export function gradeExpiresOn(grade: { validUntil: IsoDate }): IsoDate {
  return grade.validUntil;
}

/** Whether a grade valid on `asOf` lapses by `horizon` (the renewals a bureau plans for). */
export function expiresBy(grade: { validUntil: IsoDate }, asOf: IsoDate, horizon: IsoDate): boolean {
  return compareDates(asOf, grade.validUntil) <= 0 && compareDates(grade.validUntil, horizon) <= 0;
}

/** 证书编号: jurisdiction, year of announcement and a running number, e.g. 310114-2025-0007. */
export function certificateNumber(jurisdiction: string, year: number, sequence: number): string {
  return `${jurisdiction}-${year}-${String(sequence).padStart(4, "0")}`;
}
