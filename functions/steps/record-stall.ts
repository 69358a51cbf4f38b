import { z } from "zod";
import { recordStall } from "../../shared/usecases/record-stall.js";
import { defineStep } from "./define-step.js";

export const step = defineStep(z.object({ caseId: z.string().min(1), state: z.unknown() }), recordStall);
export const handler = step.handler;
