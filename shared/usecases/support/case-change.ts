import {
  type Actor,
  actorLabel,
  type CaseRecord,
  caseSubject,
  type TimelineEvent,
} from "../../domain/cases/records.js";
import type { OutboxNotification } from "../../notify/message.js";
import type { WriteOp } from "../../ports/store.js";

/**
 * The writes of one change to a case: the new case state conditional on the version read, and its
 * timeline event, in one transaction with whatever else the change touches. Only a running workflow
 * changes a case, so its start is no longer pending, nor the answer it last waited on.
 */
export function caseChange(
  before: CaseRecord,
  patch: Partial<CaseRecord>,
  event: { actor: Actor; action: string; note?: string; at: Date },
  extra: WriteOp[] = [],
): WriteOp[] {
  const at = event.at.toISOString();
  const record: CaseRecord = { ...before, ...patch, version: before.version + 1, updatedAt: at };
  delete record.pendingStart;
  delete record.pendingAnswer;
  const timeline: TimelineEvent = { at, actor: actorLabel(event.actor), action: event.action };
  if (event.note) timeline.note = event.note;
  return [
    { op: "putCase", record, expectVersion: before.version },
    { op: "appendEvent", subject: caseSubject(before.caseId), event: timeline },
    ...extra,
  ];
}

/** The writes that open a case: its first state, only if no case has its id, and its first timeline event. */
export function caseOpening(
  record: CaseRecord,
  event: { actor: string; action: string; note?: string },
): WriteOp[] {
  const first: TimelineEvent = { at: record.createdAt, actor: event.actor, action: event.action };
  if (event.note) first.note = event.note;
  return [
    { op: "putCase", record, expectVersion: "absent" },
    { op: "appendEvent", subject: caseSubject(record.caseId), event: first },
  ];
}

export const outboxWrites = (notifications: OutboxNotification[]): WriteOp[] =>
  notifications.map((notification) => ({ op: "putOutbox", notification, expectVersion: "absent" }));
