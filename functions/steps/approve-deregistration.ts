import { z } from "zod";
import { approveDeregistration } from "../../shared/usecases/approve-deregistration.js";
import { defineStep } from "./define-step.js";

export const step = defineStep(z.object({ caseId: z.string().min(1) }), approveDeregistration);
export const handler = step.handler;
