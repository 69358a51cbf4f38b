import type { CaseRecord } from "../../domain/cases/records.js";
import type { RegistrationApplication } from "../../domain/registration/rules.js";
import { composeMessages } from "../../notify/compose.js";
import { isAssessment } from "./assessment.js";
import { assessmentClosingMessages } from "./assessment-closing.js";
import { caseLink } from "./portal-link.js";

/** The applicant hears of a refusal or withdrawal here; other closings have told it already. */
export function closingMessages(
  record: CaseRecord<RegistrationApplication>,
  input: CloseCaseInput,
  now: Date,
) {
  if (isAssessment(record)) return assessmentClosingMessages(record, input.status, input.reason, now);
  const app = record.application;
  if ((record.kind === "change" || record.kind === "deregistration") && input.status !== "kept") {
    const refused = input.status === "rejected";
    const returned = input.status === "returned";
    const change = record.kind === "change";
    return composeMessages({
      kind: change ? "change_decided" : "deregistration_decided",
      ref: record.caseId,
      to: app.contact,
      vars: {
        orgName: app.name,
        caseId: record.caseId,
        outcome: refused
          ? change
            ? "不予变更登记"
            : "不予注销登记"
          : returned
            ? "业务主管单位未予同意，退回"
            : "逾期未补正，视为撤回",
        reason: input.reason && (refused || returned) ? `理由：${input.reason}` : "",
        link: caseLink(record.jurisdiction, record.caseId),
      },
      jurisdiction: record.jurisdiction,
      now,
    });
  }
  if (input.status === "rejected") {
    return composeMessages({
      kind: "registration_rejected",
      ref: record.caseId,
      to: app.contact,
      vars: { orgName: app.name, caseId: record.caseId, reason: input.reason ?? "" },
      jurisdiction: record.jurisdiction,
      now,
    });
  }
  if (input.status === "withdrawn") {
    return composeMessages({
      kind: "registration_withdrawn",
      ref: record.caseId,
      to: app.contact,
      vars: { orgName: app.name, caseId: record.caseId },
      jurisdiction: record.jurisdiction,
      now,
    });
  }
  return [];
}

export type ClosingStatus = "rejected" | "withdrawn" | "returned" | "rectified" | "kept" | "not_graded";

export interface CloseCaseInput {
  caseId: string;
  status: ClosingStatus;
  reason?: string;
}
