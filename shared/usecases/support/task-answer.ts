import { keepingCaseOf, type TaskRecord } from "../../domain/cases/records.js";
import { TaskTokenGoneError } from "../../ports/workflows.js";
import type { Deps } from "./deps.js";

/** What a closed task tells its workflow: the decision, or that its deadline passed. */
export function taskAnswer(task: TaskRecord): Record<string, unknown> {
  return { outcome: task.outcome ?? task.status, reason: task.reason ?? "" };
}

/** Sends the answer; false if it was not delivered (a token nobody waits on any more counts as delivered). */
async function sendAnswer(deps: Deps, task: TaskRecord, token: string): Promise<boolean> {
  try {
    await deps.workflows.sendTaskSuccess(token, taskAnswer(task));
    return true;
  } catch (error) {
    if (error instanceof TaskTokenGoneError) return true;
    deps.log.warn("workflow answer not delivered; the sweep sends it again", {
      taskId: task.taskId,
      error: String(error),
    });
    return false;
  }
}

/**
 * Sends a closed task's answer to its workflow. Until the answer is known to have arrived it stays pending
 * (on the task's record, or for a task its case keeps on the case until the workflow's next change to the
 * case), so an answer lost on the way is sent again by the sweep; a token nobody waits on any more is
 * settled (the workflow moved on, or will find the decision when it resumes).
 */
export async function deliverAnswer(
  deps: Deps,
  task: TaskRecord,
  token: string = task.token,
): Promise<boolean> {
  const delivered = await sendAnswer(deps, task, token);
  if (delivered && !keepingCaseOf(task.taskId)) await deps.store.clearTaskSignal(task.taskId);
  return delivered;
}

/** The sweep's answer to a closed task whose answer is still pending: sent again, then settled. */
export async function resendAnswer(deps: Deps, task: TaskRecord): Promise<boolean> {
  const delivered = await sendAnswer(deps, task, task.token);
  if (delivered) await deps.store.clearTaskSignal(task.taskId);
  return delivered;
}
