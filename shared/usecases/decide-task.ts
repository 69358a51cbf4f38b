import { actorOf, type Principal } from "../domain/access/policy.js";
import { checkDecision } from "../domain/cases/decisions.js";
import { caseSubject, type TaskRecord } from "../domain/cases/records.js";
import { InvalidInput, NotFound, StateConflict } from "../domain/errors.js";
import { ConflictError, type WriteOp } from "../ports/store.js";
import { type AssessmentDecision, assessmentDecisionPatch } from "./support/assessment-decisions.js";
import { caseChange } from "./support/case-change.js";
import { pausedWrites } from "./support/deadline-writes.js";
import type { Deps } from "./support/deps.js";
import { regulatorTask } from "./support/regulator-task.js";
import { deliverAnswer } from "./support/task-answer.js";

/**
 * Records a decision on an open task, conditional on the task's version, then answers the workflow.
 * The decided task stays on the due index until its answer is delivered, so a lost answer is sent again.
 */
export async function decideTask(
  deps: Deps,
  principal: Principal,
  taskId: string,
  decision: AssessmentDecision,
) {
  const task = await regulatorTask(deps, principal, taskId);
  const problems = checkDecision(task.step, decision.outcome, decision.reason);
  if (problems.length > 0) throw new InvalidInput(problems);
  if (task.status !== "open") throw new StateConflict("task_not_open", `task is ${task.status}`);
  if (task.claimedBy && task.claimedBy !== principal.sub) {
    throw new StateConflict("task_claimed", `task is claimed by ${task.claimedBy}`);
  }
  const record = await deps.store.getCase(task.caseId);
  if (!record) throw new NotFound("case");
  const now = deps.clock.now();
  const patch = assessmentDecisionPatch(principal, task, record, decision, now.toISOString());
  const decided: TaskRecord = {
    ...task,
    status: "decided",
    outcome: decision.outcome,
    decidedBy: principal.sub,
    decidedAt: now.toISOString(),
    version: task.version + 1,
  };
  if (decision.reason) decided.reason = decision.reason;
  const extra: WriteOp[] = [
    { op: "putTask", task: decided, expect: { version: task.version, status: "open" } },
  ];
  if (decision.outcome === "request_supplement") {
    // The decision limit stops while a supplement is awaited.
    const limit = await deps.store.getDeadline({
      subject: caseSubject(record.caseId),
      kind: "decision_limit",
      ref: record.caseId,
    });
    if (limit) extra.push(...pausedWrites(limit));
  }
  try {
    await deps.store.transact(
      caseChange(
        record,
        patch,
        { actor: actorOf(principal), action: `decision:${decision.outcome}`, note: decision.reason, at: now },
        extra,
      ),
    );
  } catch (error) {
    if (error instanceof ConflictError)
      throw new StateConflict("task_not_open", "task was decided meanwhile");
    throw error;
  }
  await deliverAnswer(deps, decided);
  return { taskId, status: decided.status, outcome: decision.outcome };
}
