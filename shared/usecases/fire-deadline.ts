import { addDays, startOfShanghaiDay } from "../domain/calendar/index.js";
import { type Contact, type DeadlineRecord, subjectRef, type TaskRecord } from "../domain/cases/records.js";
import { type Audience, defaultLadders, dueFirings, type Firing } from "../domain/deadlines/index.js";
import { composeMessages } from "../notify/compose.js";
import type { OutboxMessage } from "../notify/message.js";
import { reminderKind } from "../notify/templates.js";
import { ConflictError, type WriteOp } from "../ports/store.js";
import { type JurisdictionSettings, settingsFor } from "../settings/index.js";
import { creditListing } from "./credit-lists.js";
import type { Deps } from "./deps.js";
import { deliverAnswer } from "./task-answer.js";

/** Deadlines the sweep still acts on; met and waived ones have nothing left to fire. */
export const ACTIVE_DEADLINE: readonly DeadlineRecord["status"][] = ["open", "extended", "missed"];

export interface FiredDeadline {
  fired: number;
  messages: OutboxMessage[];
}

/** The instant a deadline's period has run out: the start of the day after its due date. */
export const expiryInstant = (d: DeadlineRecord): Date => startOfShanghaiDay(addDays(d.dueDate, 1));

/**
 * When the sweep should look at a deadline next: its next ladder rung, or its expiry (when an open
 * deadline becomes missed, and what it guards happens) if that is sooner. An expiry already past (a
 * deadline created late, or one the sweep has not reached) is due at once.
 */
export function nextFiring(d: DeadlineRecord, now: Date): string | undefined {
  if (!ACTIVE_DEADLINE.includes(d.status)) return undefined;
  const { next } = dueFirings(d.dueDate, defaultLadders[d.kind], d.fired ?? [], now);
  const candidates: number[] = [];
  if (next) candidates.push(next.at.getTime());
  if (d.status !== "missed") candidates.push(expiryInstant(d).getTime());
  return candidates.length > 0 ? new Date(Math.min(...candidates)).toISOString() : undefined;
}

export function recipients(d: DeadlineRecord, audience: Audience, settings: JurisdictionSettings): Contact {
  const regulators = settings.reminders.regulatorContacts;
  switch (audience) {
    case "organization":
      return d.organizationContact ?? {};
    case "queue":
    case "case_officer":
      return regulators.queue;
    case "supervisor":
      return regulators.supervisor;
  }
}

/** The messages one rung sends: each audience, on every channel it has. */
export function messagesFor(
  d: DeadlineRecord,
  firing: Firing,
  settings: JurisdictionSettings,
  now: Date,
): OutboxMessage[] {
  const portal = settings.reminders.portalUrl.replace(/\/$/, "");
  const link = d.caseId
    ? `${portal}/cases/${d.caseId}`
    : d.uscc
      ? `${portal}/organizations/${d.uscc}`
      : portal;
  const vars: Record<string, string> = {
    orgName: d.orgName ?? "",
    dueDate: d.dueDate,
    link,
    ...(d.caseId ? { caseId: d.caseId } : {}),
    ...(d.kind === "annual_report" ? { year: d.ref } : {}),
    ...d.vars,
  };
  return firing.audience.flatMap((audience) =>
    composeMessages({
      kind: reminderKind(d.kind, firing.action),
      ref: `${subjectRef(d.subject)}|${d.kind}|${d.ref}|${firing.step}|${audience}`,
      to: recipients(d, audience, settings),
      vars,
      locale: settings.reminders.locale,
      jurisdiction: d.jurisdiction,
      now,
    }),
  );
}

/**
 * Fires what is due on one deadline: its ladder's reminders, overdue notices and escalations, and, for a
 * deadline that guards a waiting task, the task's expiry. All of it in one transaction conditional on
 * the deadline's version, so overlapping sweeps fire each step once.
 */
export async function fireDeadline(deps: Deps, d: DeadlineRecord, now: Date): Promise<FiredDeadline> {
  if (!ACTIVE_DEADLINE.includes(d.status)) return { fired: 0, messages: [] };
  const settings = settingsFor(d.jurisdiction ?? "310000");
  const { fire, skipped } = dueFirings(d.dueDate, defaultLadders[d.kind], d.fired ?? [], now);
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
  const messages = fire.flatMap((f) => messagesFor(d, f, settings, now));
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
