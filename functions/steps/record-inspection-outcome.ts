import { z } from "zod";
import { recordInspectionOutcome } from "../../shared/usecases/record-inspection-outcome.js";
import { defineStep } from "./define-step.js";

export const step = defineStep(
  z.object({
    caseId: z.string().min(1),
    outcome: z.enum(["pass", "basic_pass", "fail"]),
    reason: z.string().optional(),
  }),
  recordInspectionOutcome,
);
export const handler = step.handler;
