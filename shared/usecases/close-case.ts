import {
  type CaseRecord,
  type CaseStatus,
  CLOSED_CASE_STATUSES,
  caseSubject,
  SYSTEM,
} from "../domain/cases/records.js";
import type { ChangeCaseApplication, RegistrationApplication } from "../domain/registration/index.js";
import type { WriteOp } from "../ports/store.js";
import { isAssessment, releaseOpenAssessment } from "./support/assessment.js";
import { caseChange, outboxWrites } from "./support/case-change.js";
import { type CloseCaseInput, closingMessages } from "./support/closing-messages.js";
import { settledWrites } from "./support/deadline-writes.js";
import type { Deps } from "./support/deps.js";
import { holdName } from "./support/name-register.js";
import { retryOnConflict } from "./support/retry.js";

/** Closes a case, settling its open deadlines (a report returned for correction may be filed again). */
export async function closeCase(deps: Deps, input: CloseCaseInput): Promise<{ status: CaseStatus }> {
  return retryOnConflict(async () => {
    const record = (await deps.store.getCase(input.caseId)) as
      | CaseRecord<RegistrationApplication>
      | undefined;
    if (!record) throw new Error(`case ${input.caseId} not found`);
    if (CLOSED_CASE_STATUSES.includes(record.status)) return { status: record.status };
    const now = deps.clock.now();
    const deadlines = await deps.store.listDeadlines(caseSubject(record.caseId));
    const settle: WriteOp[] = deadlines.flatMap((d) =>
      settledWrites(d, d.kind === "decision_limit" || input.status === "rectified" ? "met" : "waived"),
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
    if (isAssessment(record) && record.uscc) reopen.push(releaseOpenAssessment(record.uscc, record.caseId));
    // A refused, withdrawn or returned application lets its name go.
    const change =
      record.kind === "change" ? (record.application as unknown as ChangeCaseApplication) : undefined;
    const heldName =
      record.kind === "registration"
        ? record.application.name
        : change?.fields.includes("name")
          ? change.changes.name
          : undefined;
    if (
      heldName &&
      (input.status === "rejected" || input.status === "withdrawn" || input.status === "returned")
    ) {
      reopen.push(holdName(record.jurisdiction, heldName, "released", record.caseId, now));
    }
    await deps.store.transact(
      caseChange(
        record,
        { status: input.status },
        { actor: SYSTEM, action: input.status, note: input.reason, at: now },
        [...settle, ...reopen, ...outboxWrites(messages)],
      ),
    );
    await deps.notifier.enqueue(messages.map((m) => m.id));
    return { status: input.status };
  });
}
