import { type CaseRecord, caseSubject, type DeadlineKind, type TaskRecord } from "../domain/cases/records.js";
import type { RegistrationApplication } from "../domain/registration/index.js";
import { ConflictError, type WriteOp } from "../ports/store.js";
import { caseChange } from "./case-change.js";
import { settleDeadline } from "./deadline-writes.js";
import type { Deps } from "./deps.js";
import { conflict, forbidden, notFound } from "./errors.js";
import { actorOf, type Principal } from "./principal.js";
import { deliverAnswer } from "./task-answer.js";

/** The applicant's view of a case: its own cases only; others' do not exist for it. */
export function assertCaseReader(principal: Principal, record: CaseRecord): void {
  if (principal.role === "admin") return;
  if (principal.role === "regulator") {
    if (record.jurisdiction !== principal.jurisdiction) throw notFound("case");
    return;
  }
  const ownsByUscc = principal.uscc !== undefined && record.uscc === principal.uscc;
  if (record.applicantSub !== principal.sub && !ownsByUscc) throw notFound("case");
}

/**
 * The organization answers the step its case waits on (a supplement, a rectification): the task is
 * decided with `outcome` in the same transaction as the case change, and the workflow goes on.
 */
async function answerApplicantTask<A>(
  deps: Deps,
  principal: Principal,
  caseId: string,
  step: string,
  answer: {
    outcome: string;
    action: string;
    note: string;
    patch: (record: CaseRecord<A>) => Partial<CaseRecord>;
    /** The deadline the answer meets, by its kind and ref. */
    meets: (task: TaskRecord) => { kind: DeadlineKind; ref: string };
  },
) {
  const record = (await deps.store.getCase(caseId)) as CaseRecord<A> | undefined;
  if (!record) throw notFound("case");
  assertCaseReader(principal, record);
  if (principal.role !== "org") throw forbidden(`only the organization files a ${step}`);
  const taskId = record.currentTask?.step === step ? record.currentTask.taskId : undefined;
  const task = taskId ? await deps.store.getTask(taskId) : undefined;
  if (task?.status !== "open") throw conflict(`no_${step}_requested`, `no ${step} is awaited on this case`);
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
  if (deadline) extra.push(settleDeadline(deadline, "met"));
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
      throw conflict(`no_${step}_requested`, `the ${step} period has closed`);
    throw error;
  }
  await deliverAnswer(deps, answered);
  return { caseId, status: answer.outcome };
}

/** 补正: the applicant files the requested materials; the case returns to review with a full decision limit. */
export function submitSupplement(
  deps: Deps,
  principal: Principal,
  caseId: string,
  materials: { kind: string; ref: string }[],
) {
  return answerApplicantTask<RegistrationApplication>(deps, principal, caseId, "supplement", {
    outcome: "supplied",
    action: "supplement_filed",
    note: materials.map((m) => m.kind).join(", "),
    patch: (record) => {
      const byKind = new Map(record.application.materials.map((m) => [m.kind, m]));
      for (const m of materials) byKind.set(m.kind, m);
      return { application: { ...record.application, materials: [...byKind.values()] } };
    },
    meets: (task) => ({ kind: "supplement", ref: task.taskId }),
  });
}

/** 整改: the organization files its rectification with evidence; the bureau reviews it. */
export function submitRectification(
  deps: Deps,
  principal: Principal,
  caseId: string,
  rectification: { note: string; evidence: { kind: string; ref: string }[] },
) {
  return answerApplicantTask<Record<string, unknown>>(deps, principal, caseId, "rectification", {
    outcome: "filed",
    action: "rectification_filed",
    note: rectification.note,
    patch: (record) => ({
      application: {
        ...record.application,
        rectifications: [
          ...(((record.application as { rectifications?: unknown[] }).rectifications ?? []) as unknown[]),
          { ...rectification, filedAt: deps.clock.now().toISOString() },
        ],
      },
    }),
    meets: () => ({ kind: "rectification", ref: caseId }),
  });
}
