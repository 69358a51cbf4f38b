import { actorOf, mayActFor, type Principal } from "../domain/access/policy.js";
import { aggregateScores, assessmentEligibility, scoreProblems } from "../domain/assessment/index.js";
import { shanghaiDate } from "../domain/calendar/index.js";
import { actorLabel } from "../domain/cases/records.js";
import { InvalidInput, NotFound, NotPermitted, RuleRefusal, StateConflict } from "../domain/errors.js";
import { newId } from "../domain/ids.js";
import { composeMessages } from "../notify/compose.js";
import { ConflictError } from "../ports/store.js";
import { settingsFor } from "../settings/index.js";
import {
  type AssessmentApplication,
  type AssessmentCase,
  claimOpenAssessment,
  indicatorSystemInForce,
} from "./support/assessment.js";
import { caseOpening, outboxWrites } from "./support/case-change.js";
import type { Deps } from "./support/deps.js";
import { createOnce, type IdempotencyRequest } from "./support/idempotency.js";
import { pendingStart, startPending } from "./support/start-workflow.js";

export interface AssessmentRequest {
  selfAssessment: { scores: Record<string, number>; summary: string };
  materials: { kind: string; ref: string }[];
}

/**
 * 申请评估: the organization applies with its self-assessment. Refused with every reason that applies when it
 * may not be assessed; one assessment open at a time; the case keeps the indicator tree in force today.
 */
export async function applyForAssessment(
  deps: Deps,
  principal: Principal,
  uscc: string,
  request: AssessmentRequest,
  idem?: IdempotencyRequest,
) {
  if (!mayActFor(principal, uscc)) throw new NotPermitted("only the organization applies");
  const org = await deps.store.getOrganization(uscc);
  if (!org) throw new NotFound("organization");
  const now = deps.clock.now();
  const today = shanghaiDate(now);
  const year = Number(today.slice(0, 4));
  const settings = settingsFor(org.jurisdiction);
  const system = indicatorSystemInForce(org.jurisdiction, org.orgType, year);
  const problems = scoreProblems(system.indicators, request.selfAssessment.scores, {
    complete: false,
    field: "selfAssessment.scores",
  });
  if (problems.length > 0) throw new InvalidInput(problems);
  const eligibility = assessmentEligibility(org, today, {
    gradeValidityYears: settings.gradeValidityYears,
    withdrawalBanYears: settings.assessment.withdrawalBanYears,
    ...(settings.assessment.moveUpAfterYears
      ? { moveUpAfterYears: settings.assessment.moveUpAfterYears }
      : {}),
  });
  if (!eligibility.eligible) {
    throw new RuleRefusal(
      "not_eligible",
      eligibility.reasons.map((r) => r.message).join("; "),
      eligibility.reasons,
    );
  }
  let messageIds: string[] = [];
  const result = await createOnce<{ caseId: string; status: string }>(deps, idem, async () => {
    const caseId = newId("ASM", now);
    const at = now.toISOString();
    const application: AssessmentApplication = {
      uscc,
      name: org.name,
      orgType: org.orgType,
      contact: org.contact,
      year,
      indicatorVersion: system.version,
      indicators: system.indicators,
      selfAssessment: {
        ...request.selfAssessment,
        total: aggregateScores(system.indicators, request.selfAssessment.scores).total,
      },
      materials: request.materials,
      scorings: [],
      objections: [],
    };
    const record: AssessmentCase = {
      caseId,
      kind: "assessment",
      status: "under_review",
      jurisdiction: org.jurisdiction,
      applicantSub: principal.sub,
      uscc,
      application,
      version: 1,
      createdAt: at,
      updatedAt: at,
    };
    const messages = composeMessages({
      kind: "assessment_received",
      ref: caseId,
      to: org.contact,
      vars: { orgName: org.name, caseId, year: String(year) },
      locale: settings.reminders.locale,
      jurisdiction: org.jurisdiction,
      now,
    });
    messageIds = messages.map((m) => m.id);
    return {
      body: { caseId, status: record.status },
      ops: [
        claimOpenAssessment(uscc, caseId),
        ...caseOpening(record, {
          actor: actorLabel(actorOf(principal)),
          action: "submitted",
          note: `assessment ${year}, indicators ${system.version}, self-assessed ${application.selfAssessment.total}`,
        }),
        pendingStart(caseId, "assessment", { caseId }, now),
        ...outboxWrites(messages),
      ],
    };
  }).catch((error: unknown) => {
    if (error instanceof ConflictError && error.failedOp === 0) {
      throw new StateConflict("assessment_open", "the organization already has an assessment under way");
    }
    if (error instanceof ConflictError)
      throw new StateConflict("concurrent_change", "a concurrent change; try again");
    throw error;
  });
  if (result.fresh) {
    await startPending(deps, {
      caseId: result.body.caseId,
      workflow: "assessment",
      input: { caseId: result.body.caseId },
    });
    await deps.notifier.enqueue(messageIds);
  }
  return { status: result.status, body: result.body };
}
