import type { IsoDate } from "../../domain/calendar/index.js";
import {
  type DeadlineKind,
  type DeadlineRecord,
  type DeadlineRef,
  parseSubjectRef,
  subjectRef,
} from "../../domain/cases/records.js";
import { pauseDeadline, settleDeadline } from "../../domain/deadlines/index.js";
import type { WriteOp } from "../../ports/store.js";

/** The write of a deadline's next state, conditional on the version it came from. */
export const deadlineWrite = (next: DeadlineRecord, from: Pick<DeadlineRecord, "version">): WriteOp => ({
  op: "putDeadline",
  deadline: next,
  expectVersion: from.version,
});

/** A new deadline's write: it must not exist yet. */
export const newDeadlineWrite = (deadline: DeadlineRecord): WriteOp => ({
  op: "putDeadline",
  deadline,
  expectVersion: "absent",
});

/** A deadline settled (met, waived): off the due index; nothing when it already is settled. */
export function settledWrites(d: DeadlineRecord, outcome: "met" | "waived", on?: IsoDate): WriteOp[] {
  const next = settleDeadline(d, outcome, on);
  return next ? [deadlineWrite(next, d)] : [];
}

/** A clock stopped while the applicant is asked for something: off the due index until restarted. */
export function pausedWrites(d: DeadlineRecord): WriteOp[] {
  const next = pauseDeadline(d);
  return next ? [deadlineWrite(next, d)] : [];
}

/** A deadline's public identifier: what names it, encoded for a URL. */
export const deadlineId = (d: DeadlineRef): string =>
  Buffer.from(`${subjectRef(d.subject)}|${d.kind}|${d.ref}`).toString("base64url");

export function parseDeadlineId(id: string): DeadlineRef | undefined {
  const [subject, kind, ...ref] = Buffer.from(id, "base64url").toString("utf8").split("|");
  const parsed = subject ? parseSubjectRef(subject) : undefined;
  if (!parsed || !kind || ref.length === 0) return undefined;
  return { subject: parsed, kind: kind as DeadlineKind, ref: ref.join("|") };
}
