import { actorOf, maySeeCase, type Principal } from "../../domain/access/policy.js";
import {
  type CaseRecord,
  caseSubject,
  type DeadlineKind,
  type TaskRecord,
} from "../../domain/cases/records.js";
import { NotFound, NotPermitted, StateConflict } from "../../domain/errors.js";
import { ConflictError, type WriteOp } from "../../ports/store.js";
import { caseChange } from "./case-change.js";
import { pausedWrites, settledWrites } from "./deadline-writes.js";
import type { Deps } from "./deps.js";
import { deliverAnswer } from "./task-answer.js";

/** The applicant's view of a case: its own cases only; others' do not exist for it. */
export function assertCaseReader(principal: Principal, record: CaseRecord): void {
  if (!maySeeCase(principal, record)) throw new NotFound("case");
}

/**
 * The organization answers the step its case waits on (a supplement, a rectification): the task is
 * decided with `outcome` in the same transaction as the case change, and the workflow goes on.
 */
export async function answerApplicantTask<A>(
  deps: Deps,
  principal: Principal,
  caseId: string,
  step: string,
  answer: {
    outcome: string;
    action: string;
    note: string;
    patch: (record: CaseRecord<A>) => Partial<CaseRecord>;
    /** The deadline the answer meets (or stops, while the bureau reviews it), by its kind and ref. */
    meets: (task: TaskRecord) => { kind: DeadlineKind; ref: string; stops?: boolean };
  },
) {
  const record = (await deps.store.getCase(caseId)) as CaseRecord<A> | undefined;
  if (!record) throw new NotFound("case");
  assertCaseReader(principal, record);
  if (principal.role !== "org") throw new NotPermitted(`only the organization files a ${step}`);
  // An assessment's 补正 is the same filing as a registration's.
  const steps = step === "supplement" ? ["supplement", "assessment_supplement"] : [step];
  const taskId = steps.includes(record.currentTask?.step ?? "") ? record.currentTask?.taskId : undefined;
  const task = taskId ? await deps.store.getTask(taskId) : undefined;
  if (task?.status !== "open")
    throw new StateConflict(`no_${step}_requested`, `no ${step} is awaited on this case`);
  const now = deps.clock.now();
  const answered: TaskRecord = {
    ...task,
    status: "decided",
    outcome: answer.outcome,
    decidedBy: principal.sub,
    decidedAt: now.toISOString(),
    version: task.version + 1,
  };
  const extra: WriteOp[] = [
    { op: "putTask", task: answered, expect: { version: task.version, status: "open" } },
  ];
  const met = answer.meets(task);
  const deadline = await deps.store.getDeadline({
    subject: caseSubject(caseId),
    kind: met.kind,
    ref: met.ref,
  });
  if (deadline) extra.push(...(met.stops ? pausedWrites(deadline) : settledWrites(deadline, "met")));
  try {
    await deps.store.transact(
      caseChange(
        record,
        answer.patch(record),
        { actor: actorOf(principal), action: answer.action, note: answer.note, at: now },
        extra,
      ),
    );
  } catch (error) {
    if (error instanceof ConflictError)
      throw new StateConflict(`no_${step}_requested`, `the ${step} period has closed`);
    throw error;
  }
  await deliverAnswer(deps, answered);
  return { caseId, status: answer.outcome };
}
