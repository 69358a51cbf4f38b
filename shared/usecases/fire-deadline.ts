import type { DeadlineRecord, TaskRecord } from "../domain/cases/records.js";
import { ACTIVE_DEADLINE, expiryInstant, nextFiring } from "../domain/deadlines/firing.js";
import { defaultLadders, dueFirings } from "../domain/deadlines/index.js";
import type { OutboxMessage } from "../notify/message.js";
import { ConflictError, type WriteOp } from "../ports/store.js";
import { settingsFor } from "../settings/index.js";
import { creditListing } from "./support/credit-listing.js";
import { messagesFor } from "./support/deadline-messages.js";
import type { Deps } from "./support/deps.js";
import { deliverAnswer } from "./support/task-answer.js";

export interface FiredDeadline {
  fired: number;
  messages: OutboxMessage[];
}

/**
 * Fires what is due on one deadline: its ladder's reminders, overdue notices and escalations, and, for a
 * deadline that guards a waiting task, the task's expiry. All of it in one transaction conditional on
 * the deadline's version, so overlapping sweeps fire each step once.
 */
export async function fireDeadline(deps: Deps, d: DeadlineRecord, now: Date): Promise<FiredDeadline> {
  if (!ACTIVE_DEADLINE.includes(d.status)) return { fired: 0, messages: [] };
  const settings = settingsFor(d.jurisdiction ?? "310000");
  const { fire, skipped, next: nextRung } = dueFirings(d.dueDate, defaultLadders[d.kind], d.fired ?? [], now);
  const expires = d.onExpiry !== undefined && d.status !== "missed" && expiryInstant(d) <= now;
  const pastDue = expiryInstant(d) <= now;
  if (fire.length === 0 && skipped.length === 0 && !expires) {
    const next = nextFiring(d, now);
    if (next === d.nextFireAt) return { fired: 0, messages: [] };
  }
  const onExpiry = expires ? d.onExpiry : undefined;
  const task =
    onExpiry && "answerTask" in onExpiry ? await deps.store.getTask(onExpiry.answerTask.taskId) : undefined;
  const listing =
    onExpiry && "creditList" in onExpiry && d.uscc
      ? await creditListing(
          deps,
          d.uscc,
          onExpiry.creditList.list,
          onExpiry.creditList.ground,
          "system",
          now,
          d.kind === "annual_report" ? Number(d.ref) : undefined,
        )
      : undefined;
  const expired: TaskRecord | undefined =
    task?.status === "open"
      ? {
          ...task,
          status: "expired",
          outcome: "expired",
          decidedAt: now.toISOString(),
          version: task.version + 1,
        }
      : undefined;
  const messages = fire.flatMap((f) => messagesFor(d, f, settings, now, nextRung?.at));
  const updated: DeadlineRecord = {
    ...d,
    status: pastDue ? "missed" : d.status,
    fired: [...(d.fired ?? []), ...fire.map((f) => f.step), ...skipped.map((f) => f.step)],
    version: d.version + 1,
  };
  const next = nextFiring(updated, now);
  if (next) updated.nextFireAt = next;
  else delete updated.nextFireAt;
  const writes: WriteOp[] = [
    { op: "putDeadline", deadline: updated, expectVersion: d.version },
    ...messages.map((message): WriteOp => ({ op: "putOutbox", message, expectVersion: "absent" })),
  ];
  if (expired && task)
    writes.push({ op: "putTask", task: expired, expect: { version: task.version, status: "open" } });
  if (listing) writes.push(...listing.writes);
  try {
    await deps.store.transact(writes);
  } catch (error) {
    if (error instanceof ConflictError) return { fired: 0, messages: [] };
    throw error;
  }
  if (expired) await deliverAnswer(deps, expired);
  if (listing) {
    await deps.notifier.enqueue(listing.messageIds);
    await listing.afterCommit();
  }
  return { fired: fire.length + (expires ? 1 : 0), messages };
}
