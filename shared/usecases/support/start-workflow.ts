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

/**
 * Starts a committed case's workflow; a failure is left to the sweep, never to the person who filed. The
 * workflow's first step changes the case, which ends its pending start in the same write.
 */
export async function startPending(deps: Deps, start: Omit<PendingStart, "retryAt">): Promise<void> {
  try {
    await deps.workflows.start(start.workflow, start.caseId, start.input);
  } catch (error) {
    deps.log.warn("workflow start deferred to the sweep", { caseId: start.caseId, error: String(error) });
  }
}

/**
 * The sweep's start of a workflow still pending at its retry instant (starts are idempotent by the case
 * id); once it has gone through nothing is left to start, whether or not the first step has run.
 */
export async function retryPendingStart(deps: Deps, start: PendingStart): Promise<void> {
  try {
    await deps.workflows.start(start.workflow, start.caseId, start.input);
    await deps.store.clearPendingStart(start.caseId);
  } catch (error) {
    deps.log.warn("workflow start left for the next sweep", { caseId: start.caseId, error: String(error) });
  }
}
