import type { TaskRecord } from "../../domain/cases/records.js";
import { TaskTokenGoneError } from "../../ports/workflows.js";
import type { Deps } from "./deps.js";

/** What a closed task tells its workflow: the decision, or that its deadline passed. */
export function taskAnswer(task: TaskRecord): Record<string, unknown> {
  return { outcome: task.outcome ?? task.status, reason: task.reason ?? "" };
}

/**
 * Sends a closed task's answer to its workflow. A decided task stays on the due index until this
 * succeeds, so an answer lost on the way is sent again by the sweep; a token nobody waits on any more
 * is settled (the workflow moved on, or will find the decision when it resumes).
 */
export async function deliverAnswer(
  deps: Deps,
  task: TaskRecord,
  token: string = task.token,
): Promise<boolean> {
  try {
    await deps.workflows.sendTaskSuccess(token, taskAnswer(task));
  } catch (error) {
    if (!(error instanceof TaskTokenGoneError)) {
      deps.log.warn("workflow answer not delivered; the sweep sends it again", {
        taskId: task.taskId,
        error: String(error),
      });
      return false;
    }
  }
  await deps.store.clearTaskSignal(task.taskId);
  return true;
}
