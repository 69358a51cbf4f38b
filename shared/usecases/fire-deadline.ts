import { shanghaiDate } from "../domain/calendar/index.js";
import type { DeadlineRecord } from "../domain/cases/records.js";
import { fireDeadlineAt, settleDeadline } from "../domain/deadlines/index.js";
import type { WriteOp } from "../ports/store.js";
import { settingsFor } from "../settings/index.js";
import { outboxWrites } from "./support/case-change.js";
import { messagesFor } from "./support/deadline-messages.js";
import { deadlineId, deadlineWrite } from "./support/deadline-writes.js";
import type { Deps } from "./support/deps.js";
import { expiryEffect, isDutyDone } from "./support/expiry-actions.js";
import { retryOnConflict } from "./support/retry.js";

/** What one sweep did to one deadline. */
export interface FiredDeadline {
  /** Rungs sent. */
  sent: number;
  /** Rungs skipped as stale. */
  stale: number;
  missed: boolean;
  /** The miss did something besides (answered a task, listed the organization). */
  expiryActed: boolean;
  /** Risk alerts the miss raised (超期未换届, a missing event summary …). */
  alerts: number;
  /** Found settled or paused on the due index and taken off it, met at its miss, or a period run its course. */
  settled: boolean;
  /** Reminder messages the rungs wrote to the outbox. */
  reminders: number;
  /** Every notification written to the outbox: the rungs' and what the expiry sends. */
  messageIds: string[];
}

const NOTHING: FiredDeadline = {
  sent: 0,
  stale: 0,
  missed: false,
  expiryActed: false,
  alerts: 0,
  settled: false,
  reminders: 0,
  messageIds: [],
};

/**
 * Does what a sweep at `now` does to one deadline (domain/deadlines `fireDeadlineAt`: rungs to send, rungs
 * stale, the miss and its kind's expiry action, the next firing), in one transaction conditional on the
 * deadline's version. On a conflict (an overlapping sweep, an extension meanwhile) it reads the deadline
 * again and acts on what it is now, so each step happens once and none is lost.
 */
export async function fireDeadline(deps: Deps, found: DeadlineRecord, now: Date): Promise<FiredDeadline> {
  let d = found;
  let attempt = 0;
  return retryOnConflict(async () => {
    if (attempt++ > 0) d = await reread(deps, d);
    const step = fireDeadlineAt(d, now);
    if (!step.changed) return NOTHING;
    // What it asked for is on record after all (a report filed while its season was opened): met, not missed.
    if (step.expiry && (await isDutyDone(deps, d))) {
      const met = settleDeadline(d, "met", shanghaiDate(now));
      if (met) await deps.store.transact([deadlineWrite(met, d)]);
      return { ...NOTHING, settled: true };
    }
    const settings = settingsFor(d.jurisdiction ?? "310000");
    // A reminder is worth retrying until the deadline's next firing says more.
    const window = step.deadline.nextFireAt ? new Date(step.deadline.nextFireAt) : undefined;
    const messages = step.send.flatMap((f) => messagesFor(d, f, settings, now, window));
    const effect = step.expiry ? await expiryEffect(deps, d, step.expiry, now) : undefined;
    const writes: WriteOp[] = [
      deadlineWrite(step.deadline, d),
      ...outboxWrites(messages),
      ...(effect?.writes ?? []),
    ];
    await deps.store.transact(writes);
    await effect?.afterCommit();
    const alerts = effect?.alerts ?? 0;
    return {
      sent: step.send.length,
      stale: step.stale.length,
      missed: step.expiry !== undefined && step.deadline.status === "missed",
      expiryActed: (effect?.writes.length ?? 0) > 0 && alerts === 0,
      alerts,
      settled: step.retired || (step.expiry !== undefined && step.deadline.status === "met"),
      reminders: messages.reduce((n, m) => n + m.deliveries.length, 0),
      messageIds: [...messages.map((m) => m.id), ...(effect?.messageIds ?? [])],
    };
  });
}

async function reread(deps: Deps, d: DeadlineRecord): Promise<DeadlineRecord> {
  const fresh = await deps.store.getDeadline(d);
  if (!fresh) throw new Error(`deadline ${deadlineId(d)} vanished`);
  return fresh;
}
