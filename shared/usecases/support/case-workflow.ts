import type { WorkflowName } from "../../../workflows/index.js";
import type { CaseKind, CaseRecord } from "../../domain/cases/records.js";
import type { MajorEventApplication, MajorEventRule } from "../../domain/major-events/index.js";

/** A major event runs the workflow of its catalogue entry's handling. */
export const MAJOR_EVENT_WORKFLOW: Readonly<Record<MajorEventRule["handling"], WorkflowName>> = {
  file_only: "majorEventFiling",
  review: "majorEventReview",
  follow_up: "majorEventFollowUp",
};

const WORKFLOW_OF_KIND: Readonly<Record<Exclude<CaseKind, "major_event">, WorkflowName>> = {
  registration: "registration",
  annual_inspection: "annualInspection",
  revocation_review: "revocationReview",
  assessment: "assessment",
  change: "change",
  deregistration: "deregistration",
};

/** The workflow a case's execution runs; the execution is named by the case id. */
export function workflowOf(record: CaseRecord): WorkflowName {
  if (record.kind !== "major_event") return WORKFLOW_OF_KIND[record.kind];
  return MAJOR_EVENT_WORKFLOW[(record.application as MajorEventApplication).rule.handling];
}
