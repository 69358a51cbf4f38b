import { annualInspectionDefinition } from "./annual-inspection.js";
import type { StateMachineDefinition } from "./asl.js";
import { assessmentDefinition } from "./assessment.js";
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
} as const satisfies Record<string, WorkflowSpec>;

export type WorkflowName = keyof typeof workflows;

/** Every step any workflow calls, once. */
export const allSteps: readonly string[] = [...new Set(Object.values(workflows).flatMap((w) => w.steps))];
