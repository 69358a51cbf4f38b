import { z } from "zod";
import { openTask } from "../../shared/usecases/open-task.js";
import { defineStep } from "./define-step.js";

export const step = defineStep(
  z.object({
    taskToken: z.string().min(1),
    caseId: z.string().min(1),
    step: z.string().min(1),
    queue: z.enum([
      "registration",
      "annual_inspection",
      "supervisory_review",
      "assessment",
      "assessment_panel",
      "assessment_committee",
      "assessment_review",
      "public_notice",
      "major_event",
      "change",
      "deregistration",
      "applicant",
    ]),
    reason: z.string().optional(),
  }),
  openTask,
);
export const handler = step.handler;
