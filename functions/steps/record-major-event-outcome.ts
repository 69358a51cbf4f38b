import { z } from "zod";
import { recordMajorEventOutcome } from "../../shared/usecases/record-major-event-outcome.js";
import { defineStep } from "./define-step.js";

export const step = defineStep(
  z.object({
    caseId: z.string().min(1),
    outcome: z.enum(["filed", "acknowledge", "no_objection", "object"]),
    reason: z.string().optional(),
  }),
  recordMajorEventOutcome,
);
export const handler = step.handler;
