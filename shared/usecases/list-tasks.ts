import { type Principal, worksQueues } from "../domain/access/policy.js";
import { shanghaiDate } from "../domain/calendar/index.js";
import { decisionClock } from "../domain/cases/decision-clock.js";
import type { Queue, TaskStatus } from "../domain/cases/records.js";
import { NotPermitted } from "../domain/errors.js";
import { settingsFor } from "../settings/index.js";
import type { Deps } from "./support/deps.js";

export async function listTasks(deps: Deps, principal: Principal, queue: Queue, status: TaskStatus) {
  if (principal.role !== "regulator") throw new NotPermitted("only a regulator has a queue");
  if (!worksQueues(principal.jurisdiction)) {
    throw new NotPermitted(
      "queues are worked at the district; a city or province grant reads its districts' figures",
    );
  }
  const tasks = await deps.store.listQueue(principal.jurisdiction, queue, status);
  const today = shanghaiDate(deps.clock.now());
  const { warningWorkingDays } = settingsFor(principal.jurisdiction).queueThresholds;
  return {
    items: tasks.map((t) => ({
      taskId: t.taskId,
      caseId: t.caseId,
      queue: t.queue,
      step: t.step,
      status: t.status,
      dueDate: t.dueDate,
      openedAt: t.openedAt,
      ...(t.status === "open" ? { clock: decisionClock(t.dueDate, today, warningWorkingDays) } : {}),
      ...(t.claimedBy ? { claimedBy: t.claimedBy } : {}),
      ...(t.outcome ? { outcome: t.outcome } : {}),
    })),
  };
}
