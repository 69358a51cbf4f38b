import { CLOSED_CASE_STATUSES, SYSTEM } from "../domain/cases/records.js";
import { caseChange } from "./support/case-change.js";
import type { Deps } from "./support/deps.js";

/** A step failed beyond its retries: the case is flagged where an officer sees it, with the error. */
export async function recordStall(deps: Deps, input: { caseId: string; state?: unknown }) {
  const record = await deps.store.getCase(input.caseId);
  if (!record) throw new Error(`case ${input.caseId} not found`);
  // A case closed with its organization (注销, 撤销) is not reopened by a workflow that waited on it.
  if (CLOSED_CASE_STATUSES.includes(record.status)) return { status: record.status };
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
