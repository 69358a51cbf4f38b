import { type Principal, regulatesAny, scopesOf, taskAccess } from "../../domain/access/policy.js";
import type { TaskRecord } from "../../domain/cases/records.js";
import { NotFound, NotPermitted } from "../../domain/errors.js";
import type { Deps } from "./deps.js";

/**
 * A task as the one who decides it sees it: a supervisory task its unit's reviewer, any other its
 * jurisdiction's regulator. A regulator may read a supervisory task but not decide it (403); a task outside
 * the principal's scope does not exist for it.
 */
export async function regulatorTask(deps: Deps, principal: Principal, taskId: string): Promise<TaskRecord> {
  const task = await deps.store.getTask(taskId);
  if (!task) throw new NotFound("task");
  const access = taskAccess(principal, task);
  if (access === "reads") {
    throw new NotPermitted("the supervisory unit (业务主管单位) decides its own review, not the bureau");
  }
  if (access === "none") {
    if (!regulatesAny(principal) && scopesOf(principal).units.length === 0) {
      throw new NotPermitted("only a regulator or a supervisory unit decides tasks");
    }
    throw new NotFound("task");
  }
  // The applicant's own steps are answered by the organization, not decided by an officer.
  if (task.queue === "applicant" && principal.role === "regulator") throw new NotFound("task");
  return task;
}
