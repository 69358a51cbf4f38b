import { gradeForTotal } from "../domain/assessment/index.js";
import { SYSTEM } from "../domain/cases/records.js";
import { settingsFor } from "../settings/index.js";
import { type AssessmentCase, isAssessment } from "./support/assessment.js";
import { caseChange } from "./support/case-change.js";
import type { Deps } from "./support/deps.js";
import { retryOnConflict } from "./support/retry.js";

/**
 * The committee confirmed the panel's scores: the grade follows from the latest total and the jurisdiction's
 * thresholds. Run again, it returns what it proposed the first time.
 */
export async function proposeGrade(deps: Deps, input: { caseId: string }): Promise<{ graded: boolean }> {
  return retryOnConflict(async () => {
    const record = await deps.store.getCase(input.caseId);
    if (!record || !isAssessment(record)) throw new Error(`assessment case ${input.caseId} not found`);
    const app = record.application;
    if (record.status !== "committee_review" && app.proposal) return { graded: app.proposal.grade !== null };
    const scoring = app.scorings.at(-1);
    if (!scoring) throw new Error(`case ${input.caseId} has no scores to confirm`);
    const grade =
      gradeForTotal(scoring.total, settingsFor(record.jurisdiction).assessment.thresholds) ?? null;
    const proposal = { total: scoring.total, grade };
    await deps.store.transact(
      caseChange(record, { application: { ...app, proposal } } satisfies Partial<AssessmentCase>, {
        actor: SYSTEM,
        action: grade ? "grade_proposed" : "below_grades",
        note: `total ${scoring.total}${grade ? `: ${grade}` : ""}`,
        at: deps.clock.now(),
      }),
    );
    return { graded: grade !== null };
  });
}
