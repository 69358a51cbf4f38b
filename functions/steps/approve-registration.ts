import { z } from "zod";
import { approveRegistration } from "../../shared/usecases/approve-registration.js";
import { defineStep } from "./define-step.js";

export const step = defineStep(z.object({ caseId: z.string().min(1) }), approveRegistration);
export const handler = step.handler;
