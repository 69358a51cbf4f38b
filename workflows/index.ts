import { annualInspectionDefinition } from "./annual-inspection.js";
import type { StateMachineDefinition } from "./asl.js";
import { assessmentDefinition } from "./assessment.js";
import {
  majorEventFilingDefinition,
  majorEventFollowUpDefinition,
  majorEventReviewDefinition,
} from "./major-events.js";
import { changeDefinition, deregistrationDefinition } from "./record-change.js";
import { registrationDefinition } from "./registration.js";
import { revocationReviewDefinition } from "./revocation-review.js";

export interface WorkflowSpec {
  definition: StateMachineDefinition;
  /** The step modules (functions/steps/<name>.ts) the definition calls. */
  steps: readonly string[];
}

export const workflows = {
  registration: {
    definition: registrationDefinition,
    steps: ["open-task", "approve-registration", "close-case", "record-stall"],
  },
  annualInspection: {
    definition: annualInspectionDefinition,
    steps: ["open-task", "record-inspection-outcome", "list-abnormal", "close-case", "record-stall"],
  },
  revocationReview: {
    definition: revocationReviewDefinition,
    steps: ["open-task", "revoke-registration", "close-case", "record-stall"],
  },
  assessment: {
    definition: assessmentDefinition,
    steps: ["open-task", "propose-grade", "announce-grade", "close-case", "record-stall"],
  },
  majorEventFiling: {
    definition: majorEventFilingDefinition,
    steps: ["record-major-event-outcome", "record-stall"],
  },
  majorEventReview: {
    definition: majorEventReviewDefinition,
    steps: ["open-task", "record-major-event-outcome", "record-stall"],
  },
  majorEventFollowUp: {
    definition: majorEventFollowUpDefinition,
    steps: ["open-task", "record-major-event-outcome", "record-stall"],
  },
  change: {
    definition: changeDefinition,
    steps: ["open-task", "approve-change", "close-case", "record-stall"],
  },
  deregistration: {
    definition: deregistrationDefinition,
    steps: ["open-task", "approve-deregistration", "close-case", "record-stall"],
  },
} as const satisfies Record<string, WorkflowSpec>;

export type WorkflowName = keyof typeof workflows;

/** Every step any workflow calls, once. */
export const allSteps: readonly string[] = [...new Set(Object.values(workflows).flatMap((w) => w.steps))];
