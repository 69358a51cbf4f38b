import type { DueItem } from "../ports/store.js";
import { fireDeadline } from "./fire-deadline.js";
import type { Deps } from "./support/deps.js";
import { startPending } from "./support/start-workflow.js";
import { deliverAnswer } from "./support/task-answer.js";

const _SWEEP_CONCURRENCY = 16;

export interface SweepResult {
  /** Deadline steps fired: reminders, overdue notices, escalations, expiries. */
  fired: number;
  /** Reminder messages written to the outbox. */
  reminders: number;
  /** Alerts raised. */
  alerts: number;
  /** Items the sweep read from the due index. */
  read: number;
  /** Messages delivered in this sweep (in process; on AWS the notify function delivers). */
  delivered: number;
}

/**
 * The scheduled sweep over everything on the due index whose time has come. Its reads grow with what
 * is due, not with the register; each step is a conditional write, so overlapping sweeps fire it once,
 * and a sweep cut short leaves the rest on the index for the next one.
 */
export async function runSweep(deps: Deps): Promise<SweepResult> {
  const now = deps.clock.now();
  const due = await deps.store.listDue(now.toISOString());
  const result: SweepResult = { fired: 0, reminders: 0, alerts: 0, read: due.length, delivered: 0 };
  const fresh: string[] = [];
  for (const item of due) {
    try {
      await sweepItem(deps, item, now, result, fresh);
    } catch (error) {
      deps.log.error("sweep item failed; the next sweep tries again", {
        kind: item.kind,
        error: String(error),
      });
    }
  }
  const report = await deps.notifier.enqueue(fresh);
  result.delivered = report.sent;
  result.alerts += report.failed;
  return result;
}

async function sweepItem(deps: Deps, item: DueItem, now: Date, result: SweepResult, fresh: string[]) {
  switch (item.kind) {
    case "outbox":
      // Delivery belongs to the notifier (the notify function on AWS), which leases each message.
      fresh.push(item.message.id);
      return;
    case "workflow_start":
      await startPending(deps, item.start);
      return;
    case "task_signal":
      if (item.task.status !== "open") await deliverAnswer(deps, item.task);
      return;
    case "deadline": {
      const fired = await fireDeadline(deps, item.deadline, now);
      result.fired += fired.fired;
      result.reminders += fired.messages.length;
      fresh.push(...fired.messages.map((m) => m.id));
      return;
    }
  }
}
