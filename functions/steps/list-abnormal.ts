import { z } from "zod";
import { listAbnormal } from "../../shared/usecases/list-abnormal.js";
import { defineStep } from "./define-step.js";

export const step = defineStep(
  z.object({ caseId: z.string().min(1), ground: z.string().min(1) }),
  listAbnormal,
);
export const handler = step.handler;
