import { z } from "zod";
import { revokeRegistration } from "../../shared/usecases/revoke-registration.js";
import { defineStep } from "./define-step.js";

export const step = defineStep(
  z.object({ caseId: z.string().min(1), reason: z.string().optional() }),
  revokeRegistration,
);
export const handler = step.handler;
