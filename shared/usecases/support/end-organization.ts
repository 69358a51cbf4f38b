import {
  type CaseRecord,
  caseSubject,
  type DeadlineRecord,
  organizationSubject,
  SYSTEM,
} from "../../domain/cases/records.js";
import { settleDeadline } from "../../domain/deadlines/lifecycle.js";
import type { OrganizationRecord } from "../../domain/organizations/records.js";
import { closedOnTermination, type TerminationGround } from "../../domain/registration/index.js";
import type { WriteOp } from "../../ports/store.js";
import { caseChange } from "./case-change.js";
import { workflowOf } from "./case-workflow.js";
import type { Deps } from "./deps.js";
import { holdName } from "./name-register.js";
import { retryOnConflict } from "./retry.js";

const TRANSACTION_LIMIT = 100;

/** Waived with the ground if it was still running; a missed one stays missed, but its overdue rungs stop. */
function closedDeadline(d: DeadlineRecord, ground: TerminationGround): WriteOp[] {
  const next = settleDeadline(d, "waived");
  if (!next) return [];
  const deadline = next.status === "waived" ? { ...next, waivedBecause: ground } : next;
  return [{ op: "putDeadline", deadline, expectVersion: d.version }];
}

async function withdrawal(
  deps: Deps,
  record: CaseRecord,
  ground: TerminationGround,
  at: Date,
): Promise<WriteOp[]> {
  const task = record.currentTask ? await deps.store.getTask(record.currentTask.taskId) : undefined;
  const extra: WriteOp[] = [];
  if (task?.status === "open") {
    extra.push({
      op: "putTask",
      task: { ...task, status: "withdrawn", decidedAt: at.toISOString(), version: task.version + 1 },
      expect: { version: task.version, status: "open" },
    });
  }
  return caseChange(
    record,
    { status: "withdrawn" },
    { actor: SYSTEM, action: "withdrawn", note: ground, at },
    extra,
  );
}

/**
 * When an organization ends (注销登记 approved, 撤销登记 decided), every deadline still running closes as
 * waived with that ground, every open case but `keepCaseId` is withdrawn with its waiting task and its
 * workflow stopped, and its name is free again. Safe to run again: each pass reads what is still open,
 * and stops the workflow of every withdrawn case again (stopping an ended one changes nothing).
 */
export async function endOrganization(
  deps: Deps,
  input: {
    organization: Pick<OrganizationRecord, "uscc" | "jurisdiction" | "name" | "registrationCaseId">;
    ground: TerminationGround;
    keepCaseId?: string;
  },
): Promise<{ waived: number; withdrawn: number }> {
  const { uscc, jurisdiction, name, registrationCaseId } = input.organization;
  const ended = await retryOnConflict(async () => {
    const now = deps.clock.now();
    const cases = (await deps.store.listCasesOf({ uscc })).filter((c) => c.caseId !== input.keepCaseId);
    const deadlines = [
      ...(await deps.store.listDeadlines(organizationSubject(uscc))),
      ...(await Promise.all(cases.map((c) => deps.store.listDeadlines(caseSubject(c.caseId))))).flat(),
    ];
    const closed = closedOnTermination(deadlines, cases, input.keepCaseId);
    const groups: WriteOp[][] = [
      ...deadlines.map((d) => closedDeadline(d, input.ground)).filter((writes) => writes.length > 0),
      ...(await Promise.all(closed.withdraw.map((c) => withdrawal(deps, c, input.ground, now)))),
      [holdName(jurisdiction, name, "released", uscc, now, registrationCaseId)],
    ];
    // Each case's writes stay in one transaction; transactions are filled up to DynamoDB's limit.
    let batch: WriteOp[] = [];
    for (const group of groups) {
      if (batch.length + group.length > TRANSACTION_LIMIT) {
        await deps.store.transact(batch);
        batch = [];
      }
      batch.push(...group);
    }
    await deps.store.transact(batch);
    const withdrawn = [...closed.withdraw, ...cases.filter((c) => c.status === "withdrawn")];
    return { waived: closed.waive.length, withdrawn: closed.withdraw.length, stop: withdrawn };
  });
  // After the commit: a stop that fails fails the step, whose retry runs this again.
  for (const c of ended.stop) await deps.workflows.stopExecution(workflowOf(c), c.caseId, input.ground);
  return { waived: ended.waived, withdrawn: ended.withdrawn };
}
