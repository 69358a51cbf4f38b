import type { Principal } from "../../domain/access/policy.js";
import { aggregateScores, scoreProblems } from "../../domain/assessment/index.js";
import type { CaseRecord, TaskRecord } from "../../domain/cases/records.js";
import { InvalidInput, NotPermitted } from "../../domain/errors.js";
import type { Grade } from "../../domain/organizations/records.js";
import { settingsFor } from "../../settings/index.js";
import { type AssessmentCase, isAssessment } from "./assessment.js";

export interface AssessmentDecision {
  outcome: string;
  reason?: string;
  scores?: Record<string, number>;
  bonus?: number;
  grade?: Grade;
}

/** The committee and the re-review (复核) are separate from the panel: whoever scored the case takes neither. */
const SCORERS_BARRED: Partial<Record<string, { code: string; message: string }>> = {
  assessment_committee: {
    code: "scorer_cannot_confirm",
    message: "whoever scored the case cannot decide it on the committee",
  },
  assessment_review: {
    code: "scorer_cannot_review",
    message: "whoever scored the case cannot take its re-review",
  },
};

export function assertNotScorer(principal: Principal, task: TaskRecord, record: CaseRecord): void {
  const barred = SCORERS_BARRED[task.queue];
  if (!barred || !isAssessment(record)) return;
  if (record.application.scorings.some((s) => s.scoredBy === principal.sub)) {
    throw new NotPermitted(barred.message, barred.code);
  }
}

/** What a decision on an assessment step adds to the case: the panel's scores, the re-review's result. */
export function assessmentDecisionPatch(
  principal: Principal,
  task: TaskRecord,
  record: CaseRecord,
  decision: AssessmentDecision,
  at: string,
): Partial<CaseRecord> {
  if (!isAssessment(record)) return {};
  assertNotScorer(principal, task, record);
  const app = record.application;
  if (task.step === "assessment_scoring") {
    if (!decision.scores)
      throw new InvalidInput([{ field: "scores", code: "required", message: "score every leaf indicator" }]);
    const problems = scoreProblems(app.indicators, decision.scores, { complete: true });
    const bonus = decision.bonus ?? 0;
    const bonusMax = settingsFor(record.jurisdiction).assessment.bonusMaxPoints;
    if (bonus < 0 || bonus > bonusMax) {
      problems.push({
        field: "bonus",
        code: "above_maximum",
        message: `bonus points run from 0 to ${bonusMax} here`,
      });
    }
    if (problems.length > 0) throw new InvalidInput(problems);
    const total = aggregateScores(app.indicators, decision.scores).total + bonus;
    const scoring = { scores: decision.scores, bonus, total, scoredBy: principal.sub, at };
    return patchOf(record, { scorings: [...app.scorings, scoring] });
  }
  if (task.step === "assessment_review") {
    if (decision.outcome === "change" && !decision.grade) {
      throw new InvalidInput([
        { field: "grade", code: "required", message: "a changed result names the grade" },
      ]);
    }
    const review = {
      outcome: decision.outcome as "uphold" | "change",
      ...(decision.outcome === "change" && decision.grade ? { grade: decision.grade } : {}),
      reason: decision.reason ?? "",
      by: principal.sub,
    };
    return patchOf(record, { review });
  }
  return {};
}

const patchOf = (
  record: AssessmentCase,
  change: Partial<AssessmentCase["application"]>,
): Partial<CaseRecord> => ({
  application: { ...record.application, ...change },
});
