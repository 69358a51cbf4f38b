import { type Principal, regulates, regulatesAny } from "../../domain/access/policy.js";
import type { TaskRecord } from "../../domain/cases/records.js";
import { NotFound, NotPermitted } from "../../domain/errors.js";
import type { Deps } from "./deps.js";

/** A regulator's task, as seen from its jurisdiction: a task elsewhere does not exist for it. */
export async function regulatorTask(deps: Deps, principal: Principal, taskId: string): Promise<TaskRecord> {
  const task = await deps.store.getTask(taskId);
  if (!task) throw new NotFound("task");
  if (!regulatesAny(principal)) throw new NotPermitted("only a regulator decides tasks");
  if (!regulates(principal, task.jurisdiction)) throw new NotFound("task");
  // The applicant's own steps are answered by the organization, not decided by an officer.
  if (task.queue === "applicant" && principal.role === "regulator") throw new NotFound("task");
  return task;
}
