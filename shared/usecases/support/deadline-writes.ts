import {
  type DeadlineKind,
  type DeadlineRecord,
  type DeadlineRef,
  parseSubjectRef,
  subjectRef,
} from "../../domain/cases/records.js";
import type { WriteOp } from "../../ports/store.js";

/** A deadline settled (met, waived) or paused: off the due index, conditional on the version read. */
export function settleDeadline(d: DeadlineRecord, status: "met" | "waived" | "paused"): WriteOp {
  const { nextFireAt: _, onExpiry: __, ...rest } = d;
  const deadline: DeadlineRecord = { ...rest, status, version: d.version + 1 };
  if (status === "paused" && d.onExpiry) deadline.onExpiry = d.onExpiry;
  return { op: "putDeadline", deadline, expectVersion: d.version };
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
