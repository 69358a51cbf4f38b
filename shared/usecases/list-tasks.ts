import { type Principal, SUPERVISORY_QUEUE, scopesOf, worksQueues } from "../domain/access/policy.js";
import { shanghaiDate } from "../domain/calendar/index.js";
import { decisionClock } from "../domain/cases/decision-clock.js";
import type { Queue, TaskRecord, TaskStatus } from "../domain/cases/records.js";
import { NotPermitted } from "../domain/errors.js";
import { settingsFor } from "../settings/index.js";
import type { Deps } from "./support/deps.js";

/**
 * A queue as its worker sees it: a district regulator its jurisdiction's queues (the supervisory queue to
 * read only), a supervisory unit its own pre-reviews and consents, oldest due first.
 */
export async function listTasks(deps: Deps, principal: Principal, queue: Queue, status: TaskStatus) {
  const tasks = await queueOf(deps, principal, queue, status);
  const today = shanghaiDate(deps.clock.now());
  return {
    items: tasks.map((t) => ({
      taskId: t.taskId,
      caseId: t.caseId,
      queue: t.queue,
      step: t.step,
      status: t.status,
      dueDate: t.dueDate,
      openedAt: t.openedAt,
      ...(t.status === "open"
        ? {
            clock: decisionClock(
              t.dueDate,
              today,
              settingsFor(t.jurisdiction).queueThresholds.warningWorkingDays,
            ),
          }
        : {}),
      ...(t.claimedBy ? { claimedBy: t.claimedBy } : {}),
      ...(t.outcome ? { outcome: t.outcome } : {}),
    })),
  };
}

async function queueOf(deps: Deps, principal: Principal, queue: Queue, status: TaskStatus) {
  if (principal.role === "supervisory_unit") {
    if (queue !== SUPERVISORY_QUEUE) {
      throw new NotPermitted(`a supervisory unit works the ${SUPERVISORY_QUEUE} queue only`);
    }
    const lists = await Promise.all(
      scopesOf(principal).units.map((unit) => deps.store.listUnitQueue(unit, queue, status)),
    );
    const byDue = (a: TaskRecord, b: TaskRecord) =>
      a.dueDate.localeCompare(b.dueDate) || a.taskId.localeCompare(b.taskId);
    return lists.flat().sort(byDue);
  }
  if (principal.role !== "regulator") throw new NotPermitted("only a regulator has a queue");
  if (!worksQueues(principal.jurisdiction)) {
    throw new NotPermitted(
      "queues are worked at the district; a city, province, street or town grant reads its area",
    );
  }
  return deps.store.listQueue(principal.jurisdiction, queue, status);
}
