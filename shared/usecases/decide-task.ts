import { checkDecision } from "../domain/cases/decisions.js";
import { caseSubject, type TaskRecord } from "../domain/cases/records.js";
import { ConflictError, type WriteOp } from "../ports/store.js";
import { caseChange } from "./case-change.js";
import { settleDeadline } from "./deadline-writes.js";
import type { Deps } from "./deps.js";
import { conflict, forbidden, invalid, notFound } from "./errors.js";
import { actorOf, type Principal } from "./principal.js";
import { deliverAnswer } from "./task-answer.js";

/** A regulator's task, as seen from its jurisdiction: a task elsewhere does not exist for it. */
export async function regulatorTask(deps: Deps, principal: Principal, taskId: string): Promise<TaskRecord> {
  const task = await deps.store.getTask(taskId);
  if (!task) throw notFound("task");
  if (principal.role === "admin") return task;
  if (principal.role !== "regulator") throw forbidden("only a regulator decides tasks");
  if (task.jurisdiction !== principal.jurisdiction || task.queue === "applicant") throw notFound("task");
  return task;
}

export async function claimTask(deps: Deps, principal: Principal, taskId: string) {
  const task = await regulatorTask(deps, principal, taskId);
  if (task.status !== "open") throw conflict("task_not_open", `task is ${task.status}`);
  if (task.claimedBy === principal.sub) return { taskId, claimedBy: principal.sub };
  if (task.claimedBy) throw conflict("task_claimed", `task is claimed by ${task.claimedBy}`);
  try {
    await deps.store.transact([
      {
        op: "putTask",
        task: { ...task, claimedBy: principal.sub, version: task.version + 1 },
        expect: { version: task.version, status: "open" },
      },
    ]);
  } catch (error) {
    if (error instanceof ConflictError)
      throw conflict("task_claimed", "task was claimed or decided meanwhile");
    throw error;
  }
  return { taskId, claimedBy: principal.sub };
}

/**
 * Records a decision on an open task, conditional on the task's version, then answers the workflow.
 * The decided task stays on the due index until its answer is delivered, so a lost answer is sent again.
 */
export async function decideTask(
  deps: Deps,
  principal: Principal,
  taskId: string,
  decision: { outcome: string; reason?: string },
) {
  const task = await regulatorTask(deps, principal, taskId);
  const problems = checkDecision(task.step, decision.outcome, decision.reason);
  if (problems.length > 0) throw invalid(problems);
  if (task.status !== "open") throw conflict("task_not_open", `task is ${task.status}`);
  if (task.claimedBy && task.claimedBy !== principal.sub) {
    throw conflict("task_claimed", `task is claimed by ${task.claimedBy}`);
  }
  const record = await deps.store.getCase(task.caseId);
  if (!record) throw notFound("case");
  const now = deps.clock.now();
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
    if (limit) extra.push(settleDeadline(limit, "paused"));
  }
  try {
    await deps.store.transact(
      caseChange(
        record,
        {},
        { actor: actorOf(principal), action: `decision:${decision.outcome}`, note: decision.reason, at: now },
        extra,
      ),
    );
  } catch (error) {
    if (error instanceof ConflictError) throw conflict("task_not_open", "task was decided meanwhile");
    throw error;
  }
  await deliverAnswer(deps, decided);
  return { taskId, status: decided.status, outcome: decision.outcome };
}
