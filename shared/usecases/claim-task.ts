import type { Principal } from "../domain/access/policy.js";
import { StateConflict } from "../domain/errors.js";
import { ConflictError } from "../ports/store.js";
import { assertNotScorer } from "./support/assessment-decisions.js";
import type { Deps } from "./support/deps.js";
import { regulatorTask } from "./support/regulator-task.js";

export async function claimTask(deps: Deps, principal: Principal, taskId: string) {
  const task = await regulatorTask(deps, principal, taskId);
  if (task.status !== "open") throw new StateConflict("task_not_open", `task is ${task.status}`);
  if (task.queue === "assessment_committee" || task.queue === "assessment_review") {
    const record = await deps.store.getCase(task.caseId);
    if (record) assertNotScorer(principal, task, record);
  }
  if (task.claimedBy === principal.sub) return { taskId, claimedBy: principal.sub };
  if (task.claimedBy) throw new StateConflict("task_claimed", `task is claimed by ${task.claimedBy}`);
  try {
    await deps.store.transact([
      {
        op: "putTask",
        task: { ...task, claimedBy: principal.sub, version: task.version + 1 },
        expect: { version: task.version, status: "open" },
      },
    ]);
  } catch (error) {
    if (error instanceof ConflictError)
      throw new StateConflict("task_claimed", "task was claimed or decided meanwhile");
    throw error;
  }
  return { taskId, claimedBy: principal.sub };
}
