import type { DueItem } from "../ports/store.js";
import { fireDeadline } from "./fire-deadline.js";
import { deadlineId } from "./support/deadline-writes.js";
import type { Deps } from "./support/deps.js";
import { retryPendingStart } from "./support/start-workflow.js";
import { resendAnswer } from "./support/task-answer.js";

/** Shards worked at once: enough to overlap the store's latency, few enough to stay within its throughput. */
export const SWEEP_SHARD_CONCURRENCY = 8;
const PAGE = 200;

export interface SweepResult {
  /** Deadline steps done: rungs sent, and misses that answered a task or listed an organization. */
  fired: number;
  /** Reminder messages written to the outbox. */
  reminders: number;
  /** Alerts raised: risk alerts of the deadlines missed, and messages that failed for good in this sweep's delivery. */
  alerts: number;
  /** Rungs skipped as stale (a later rung's time, or the expiry, had come too). */
  skipped: number;
  /** Deadlines found settled (met, waived) or paused on the due index and taken off it. */
  settled: number;
  /** Deadlines that became missed. */
  missed: number;
  /** Items that failed; each is logged with its id and tried again by the next sweep. */
  errors: number;
  /** Items the sweep read from the due index. */
  read: number;
  /** Messages delivered in this sweep (in process; on AWS the notify function delivers). */
  delivered: number;
}

/**
 * The scheduled sweep over everything on the due index whose time has come. The shards are worked a few
 * at a time, each page by page up to `now`, so reads grow with what is due, not with the register. Each
 * step is a conditional write, so overlapping sweeps do it once; an item that fails is logged and left
 * on the index for the next sweep, and the others go on.
 */
export async function runSweep(deps: Deps, opts: { shardConcurrency?: number } = {}): Promise<SweepResult> {
  const now = deps.clock.now();
  const result: SweepResult = {
    fired: 0,
    reminders: 0,
    alerts: 0,
    skipped: 0,
    settled: 0,
    missed: 0,
    errors: 0,
    read: 0,
    delivered: 0,
  };
  const fresh: string[] = [];
  const shards = Array.from({ length: deps.store.dueShards }, (_, i) => i);
  const worker = async () => {
    for (let shard = shards.shift(); shard !== undefined; shard = shards.shift()) {
      let after: string | undefined;
      do {
        const page = await deps.store.listDue(now.toISOString(), {
          shard,
          limit: PAGE,
          ...(after ? { after } : {}),
        });
        after = page.next;
        result.read += page.items.length;
        for (const item of page.items) {
          try {
            await sweepItem(deps, item, now, result, fresh);
          } catch (error) {
            result.errors++;
            deps.log.error("sweep item failed; the next sweep tries again", {
              ...itemId(item),
              error: String(error),
            });
          }
        }
      } while (after);
    }
  };
  const concurrency = Math.max(1, Math.min(opts.shardConcurrency ?? SWEEP_SHARD_CONCURRENCY, shards.length));
  await Promise.all(Array.from({ length: concurrency }, worker));
  const report = await deps.notifier.enqueue(fresh);
  result.delivered = report.sent;
  result.alerts += report.failed;
  return result;
}

function itemId(item: DueItem): Record<string, string> {
  switch (item.kind) {
    case "deadline":
      return { kind: item.kind, deadlineId: deadlineId(item.deadline) };
    case "outbox":
      return { kind: item.kind, notificationId: item.notification.id };
    case "task_signal":
      return { kind: item.kind, taskId: item.task.taskId };
    case "workflow_start":
      return { kind: item.kind, caseId: item.start.caseId };
  }
}

async function sweepItem(deps: Deps, item: DueItem, now: Date, result: SweepResult, fresh: string[]) {
  switch (item.kind) {
    case "outbox":
      // Delivery belongs to the notifier (the notify function on AWS), which leases each notification.
      fresh.push(item.notification.id);
      return;
    case "workflow_start":
      await retryPendingStart(deps, item.start);
      return;
    case "task_signal":
      if (item.task.status !== "open") await resendAnswer(deps, item.task);
      return;
    case "deadline": {
      const fired = await fireDeadline(deps, item.deadline, now);
      result.fired += fired.sent + (fired.expiryActed ? 1 : 0);
      result.skipped += fired.stale;
      result.missed += fired.missed ? 1 : 0;
      result.alerts += fired.alerts;
      result.settled += fired.settled ? 1 : 0;
      result.reminders += fired.reminders;
      fresh.push(...fired.messageIds);
      return;
    }
  }
}
