import type { WorkflowName } from "../../../workflows/index.js";
import type { PendingStart, WriteOp } from "../../ports/store.js";
import type { Deps } from "./deps.js";

const RETRY_AFTER_MS = 2 * 60_000;

/**
 * The write that records, with the case, that its workflow must start: if the start after the commit
 * does not go through, the sweep makes it (starts are idempotent by the case id).
 */
export function pendingStart(
  caseId: string,
  workflow: WorkflowName,
  input: Record<string, unknown>,
  now: Date,
): WriteOp {
  return {
    op: "putPendingStart",
    start: { caseId, workflow, input, retryAt: new Date(now.getTime() + RETRY_AFTER_MS).toISOString() },
  };
}

/** Starts a committed case's workflow; a failure is left to the sweep, never to the person who filed. */
export async function startPending(deps: Deps, start: Omit<PendingStart, "retryAt">): Promise<void> {
  try {
    await deps.workflows.start(start.workflow, start.caseId, start.input);
    await deps.store.clearPendingStart(start.caseId);
  } catch (error) {
    deps.log.warn("workflow start deferred to the sweep", { caseId: start.caseId, error: String(error) });
  }
}
