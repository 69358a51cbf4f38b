import type { DeadlineRecord } from "../domain/cases/records.js";
import type { WriteOp } from "../ports/store.js";
import { nextFiring } from "./fire-deadline.js";

/** A deadline with its next firing instant set from its ladder (or none when nothing is left to fire). */
export function scheduled(d: DeadlineRecord, now: Date): DeadlineRecord {
  const { nextFireAt: _, ...rest } = d;
  const next = nextFiring(rest, now);
  return next ? { ...rest, nextFireAt: next } : rest;
}

/** A deadline settled (met, waived) or paused: off the due index, conditional on the version read. */
export function settleDeadline(d: DeadlineRecord, status: "met" | "waived" | "paused"): WriteOp {
  const { nextFireAt: _, onExpiry: __, ...rest } = d;
  const deadline: DeadlineRecord = { ...rest, status, version: d.version + 1 };
  if (status === "paused" && d.onExpiry) deadline.onExpiry = d.onExpiry;
  return { op: "putDeadline", deadline, expectVersion: d.version };
}

/** A deadline's public identifier: its key, encoded for a URL. */
export const deadlineId = (d: Pick<DeadlineRecord, "subject" | "kind" | "ref">): string =>
  Buffer.from(`${d.subject}|${d.kind}|${d.ref}`).toString("base64url");

export function parseDeadlineId(id: string): { subject: string; kind: string; ref: string } | undefined {
  const [subject, kind, ...ref] = Buffer.from(id, "base64url").toString("utf8").split("|");
  if (!subject || !kind || ref.length === 0) return undefined;
  return { subject, kind, ref: ref.join("|") };
}
