import { z } from "zod";
import { approveChange } from "../../shared/usecases/approve-change.js";
import { defineStep } from "./define-step.js";

export const step = defineStep(z.object({ caseId: z.string().min(1) }), approveChange);
export const handler = step.handler;
