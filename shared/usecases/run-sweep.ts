import type { DeadlineRecord, TaskRecord } from "../domain/cases/records.js";
import { ConflictError, type DueItem } from "../ports/store.js";
import { deliverMessage } from "./deliver-message.js";
import type { Deps } from "./deps.js";
import { deliverAnswer } from "./task-answer.js";

export interface SweepResult {
  fired: number;
  reminders: number;
  alerts: number;
  /** Items the sweep read from the due index. */
  read: number;
  delivered: number;
}

/**
 * The scheduled sweep: everything on the due index whose time has come. Each step is a conditional
 * write, so overlapping sweeps fire it once, and a sweep cut short leaves the rest for the next one.
 */
export async function runSweep(deps: Deps): Promise<SweepResult> {
  const now = deps.clock.now();
  const due = await deps.store.listDue(now.toISOString());
  const result: SweepResult = { fired: 0, reminders: 0, alerts: 0, read: due.length, delivered: 0 };
  for (const item of due) {
    try {
      await sweepItem(deps, item, now, result);
    } catch (error) {
      deps.log.error("sweep item failed; the next sweep tries again", {
        pk: item.pk,
        sk: item.sk,
        error: String(error),
      });
    }
  }
  return result;
}

async function sweepItem(deps: Deps, item: DueItem, now: Date, result: SweepResult): Promise<void> {
  switch (item.kind) {
    case "outbox": {
      const outcome = await deliverMessage(deps, item.pk.slice("OUTBOX#".length));
      if (outcome === "sent") result.delivered++;
      return;
    }
    case "task_signal": {
      const task = await deps.store.getTask(item.pk.slice("TASK#".length));
      if (task && task.status !== "open") await deliverAnswer(deps, task);
      return;
    }
    case "deadline": {
      const [, kind = "", ...ref] = item.sk.split("#");
      const deadline = await deps.store.getDeadline(item.pk, kind, ref.join("#"));
      if (!deadline?.nextFireAt || Date.parse(deadline.nextFireAt) > now.getTime()) return;
      if (await fireDeadline(deps, deadline, now)) result.fired++;
      return;
    }
  }
}

/** A deadline whose period has run out: it is missed, and a waiting task it guards is answered "expired". */
async function fireDeadline(deps: Deps, deadline: DeadlineRecord, now: Date): Promise<boolean> {
  const { nextFireAt: _, ...settled } = deadline;
  const target = deadline.onExpiry?.answerTask;
  const task = target ? await deps.store.getTask(target.taskId) : undefined;
  const expireTask = task?.status === "open";
  const expired: TaskRecord | undefined =
    task && expireTask
      ? {
          ...task,
          status: "expired",
          outcome: "expired",
          decidedAt: now.toISOString(),
          version: task.version + 1,
        }
      : undefined;
  try {
    await deps.store.transact([
      {
        op: "putDeadline",
        deadline: {
          ...settled,
          status: expireTask || !target ? "missed" : deadline.status,
          version: deadline.version + 1,
        },
        expectVersion: deadline.version,
      },
      ...(expired && task
        ? [
            {
              op: "putTask" as const,
              task: expired,
              expect: { version: task.version, status: "open" as const },
            },
          ]
        : []),
    ]);
  } catch (error) {
    if (error instanceof ConflictError) return false;
    throw error;
  }
  if (expired) await deliverAnswer(deps, expired);
  return true;
}
