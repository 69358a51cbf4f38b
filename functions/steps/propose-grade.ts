import { z } from "zod";
import { proposeGrade } from "../../shared/usecases/propose-grade.js";
import { defineStep } from "./define-step.js";

export const step = defineStep(z.object({ caseId: z.string().min(1) }), proposeGrade);
export const handler = step.handler;
