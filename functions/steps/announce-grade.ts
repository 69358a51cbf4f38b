import { z } from "zod";
import { announceGrade } from "../../shared/usecases/announce-grade.js";
import { defineStep } from "./define-step.js";

export const step = defineStep(z.object({ caseId: z.string().min(1) }), announceGrade);
export const handler = step.handler;
