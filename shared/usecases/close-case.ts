import {
  type CaseRecord,
  type CaseStatus,
  CLOSED_CASE_STATUSES,
  caseSubject,
  SYSTEM,
} from "../domain/cases/records.js";
import type { RegistrationApplication } from "../domain/registration/index.js";
import { composeMessages } from "../notify/compose.js";
import { ConflictError, type WriteOp } from "../ports/store.js";
import { caseChange, outboxWrites } from "./case-change.js";
import { settleDeadline } from "./deadline-writes.js";
import type { Deps } from "./deps.js";

export type ClosingStatus = "rejected" | "withdrawn" | "returned" | "rectified" | "kept";

export interface CloseCaseInput {
  caseId: string;
  status: ClosingStatus;
  reason?: string;
}

/** The applicant hears of a refusal or withdrawal here; other closings have told it already. */
function closingMessages(record: CaseRecord<RegistrationApplication>, input: CloseCaseInput, now: Date) {
  const app = record.application;
  if (input.status === "rejected") {
    return composeMessages({
      kind: "registration_rejected",
      ref: record.caseId,
      to: app.contact,
      vars: { orgName: app.name, caseId: record.caseId, reason: input.reason ?? "" },
      jurisdiction: record.jurisdiction,
      now,
    });
  }
  if (input.status === "withdrawn") {
    return composeMessages({
      kind: "registration_withdrawn",
      ref: record.caseId,
      to: app.contact,
      vars: { orgName: app.name, caseId: record.caseId },
      jurisdiction: record.jurisdiction,
      now,
    });
  }
  return [];
}

/** Closes a case, settling its open deadlines (a report returned for correction may be filed again). */
export async function closeCase(deps: Deps, input: CloseCaseInput): Promise<{ status: CaseStatus }> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const record = (await deps.store.getCase(input.caseId)) as
      | CaseRecord<RegistrationApplication>
      | undefined;
    if (!record) throw new Error(`case ${input.caseId} not found`);
    if (CLOSED_CASE_STATUSES.includes(record.status)) return { status: record.status };
    const now = deps.clock.now();
    const deadlines = await deps.store.listDeadlines(caseSubject(record.caseId));
    const settle: WriteOp[] = deadlines
      .filter((d) => d.status === "open" || d.status === "paused" || d.status === "extended")
      .map((d) =>
        settleDeadline(d, d.kind === "decision_limit" || input.status === "rectified" ? "met" : "waived"),
      );
    const messages = closingMessages(record, input, now);
    const reopen: WriteOp[] = [];
    const filed = record.application as unknown as { year?: number; uscc?: string };
    if (input.status === "returned" && filed.uscc && filed.year) {
      reopen.push({
        op: "markAnnualReport",
        uscc: filed.uscc,
        year: filed.year,
        caseId: record.caseId,
        status: "returned",
      });
    }
    try {
      await deps.store.transact(
        caseChange(
          record,
          { status: input.status },
          { actor: SYSTEM, action: input.status, note: input.reason, at: now },
          [...settle, ...reopen, ...outboxWrites(messages)],
        ),
      );
    } catch (error) {
      if (error instanceof ConflictError) continue;
      throw error;
    }
    await deps.notifier.enqueue(messages.map((m) => m.id));
    return { status: input.status };
  }
  throw new Error(`could not close case ${input.caseId}`);
}

/** A step failed beyond its retries: the case is flagged where an officer sees it, with the error. */
export async function recordStall(deps: Deps, input: { caseId: string; state?: unknown }) {
  const record = await deps.store.getCase(input.caseId);
  if (!record) throw new Error(`case ${input.caseId} not found`);
  const failure = (input.state as { failure?: { Error?: string; Cause?: string } } | undefined)?.failure;
  const note = failure
    ? `${failure.Error ?? "Error"}: ${String(failure.Cause ?? "").slice(0, 500)}`
    : "no route";
  await deps.store.transact(
    caseChange(
      record,
      { status: "stalled" },
      { actor: SYSTEM, action: "stalled", note, at: deps.clock.now() },
    ),
  );
  deps.log.error("case stalled", { caseId: input.caseId, note });
  return { status: "stalled" };
}
