import { z } from "zod";
import { closeCase } from "../../shared/usecases/close-case.js";
import { defineStep } from "./define-step.js";

export const step = defineStep(
  z.object({
    caseId: z.string().min(1),
    status: z.enum(["rejected", "withdrawn", "returned", "rectified", "kept", "not_graded"]),
    reason: z.string().optional(),
  }),
  closeCase,
);
export const handler = step.handler;
