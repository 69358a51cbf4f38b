import type { CaseStatus } from "../../domain/cases/records.js";
import { composeMessages } from "../../notify/compose.js";
import { settingsFor } from "../../settings/index.js";
import type { AssessmentCase } from "./assessment.js";

const CLOSING_REASONS: Partial<Record<CaseStatus, string>> = {
  rejected: "初审未通过",
  withdrawn: "逾期未补正，视为撤回",
};

/** What the organization hears when its assessment ends without a grade. */
export function assessmentClosingMessages(
  record: AssessmentCase,
  status: CaseStatus,
  reason: string | undefined,
  now: Date,
) {
  const app = record.application;
  const common = {
    ref: record.caseId,
    to: app.contact,
    locale: settingsFor(record.jurisdiction).reminders.locale,
    jurisdiction: record.jurisdiction,
    now,
  };
  if (status === "not_graded") {
    return composeMessages({
      ...common,
      kind: "assessment_not_graded",
      vars: { orgName: app.name, caseId: record.caseId, total: String(app.proposal?.total ?? "") },
    });
  }
  const lead = CLOSING_REASONS[status];
  if (!lead) return [];
  return composeMessages({
    ...common,
    kind: "assessment_closed",
    vars: { orgName: app.name, caseId: record.caseId, reason: reason ? `${lead}：${reason}` : lead },
  });
}
