import { type Principal, regulatesAny } from "../domain/access/policy.js";
import type { Queue } from "../domain/cases/records.js";
import { NotPermitted } from "../domain/errors.js";
import type { Deps } from "./support/deps.js";
import { readScope } from "./support/jurisdiction-scope.js";

/** Each stage of an assessment round and the queue whose open tasks are the cases in it. */
const STAGES: readonly { stage: string; queue: Queue; step?: string }[] = [
  { stage: "preliminary_review", queue: "assessment" },
  { stage: "supplement", queue: "applicant", step: "assessment_supplement" },
  { stage: "scoring", queue: "assessment_panel" },
  { stage: "committee", queue: "assessment_committee" },
  { stage: "public_notice", queue: "public_notice" },
  { stage: "re_review", queue: "assessment_review" },
];

/** 评估工作进度: the jurisdiction's assessment cases by the stage they wait in, oldest due first. */
export async function listAssessmentRounds(deps: Deps, principal: Principal, asked?: string) {
  if (!regulatesAny(principal)) throw new NotPermitted("only a regulator follows the assessment rounds");
  const jurisdiction = readScope(principal, asked);
  const stages = await Promise.all(
    STAGES.map(async ({ stage, queue, step }) => {
      const tasks = (await deps.store.listQueue(jurisdiction, queue, "open")).filter(
        (t) => !step || t.step === step,
      );
      return {
        stage,
        queue,
        count: tasks.length,
        items: tasks.map((t) => ({ caseId: t.caseId, taskId: t.taskId, dueDate: t.dueDate })),
      };
    }),
  );
  return { jurisdiction, stages };
}
