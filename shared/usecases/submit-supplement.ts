import type { CaseRecord, TaskRecord } from "../domain/cases/records.js";
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

/** 补正: the applicant files the requested materials; the case returns to review with a full decision limit. */
export async function submitSupplement(
  deps: Deps,
  principal: Principal,
  caseId: string,
  materials: { kind: string; ref: string }[],
) {
  const record = (await deps.store.getCase(caseId)) as CaseRecord<RegistrationApplication> | undefined;
  if (!record) throw notFound("case");
  assertCaseReader(principal, record);
  if (principal.role !== "org") throw forbidden("only the applicant files a supplement");
  const taskId = record.currentTask?.step === "supplement" ? record.currentTask.taskId : undefined;
  const task = taskId ? await deps.store.getTask(taskId) : undefined;
  if (task?.status !== "open")
    throw conflict("no_supplement_requested", "no supplement is awaited on this case");

  const now = deps.clock.now();
  const byKind = new Map(record.application.materials.map((m) => [m.kind, m]));
  for (const m of materials) byKind.set(m.kind, m);
  const answered: TaskRecord = {
    ...task,
    status: "decided",
    outcome: "supplied",
    decidedBy: principal.sub,
    decidedAt: now.toISOString(),
    version: task.version + 1,
  };
  const extra: WriteOp[] = [
    { op: "putTask", task: answered, expect: { version: task.version, status: "open" } },
  ];
  const deadline = await deps.store.getDeadline(`CASE#${caseId}`, "supplement", task.taskId);
  if (deadline) extra.push(settleDeadline(deadline, "met"));
  try {
    await deps.store.transact(
      caseChange(
        record,
        { application: { ...record.application, materials: [...byKind.values()] } },
        {
          actor: actorOf(principal),
          action: "supplement_filed",
          note: materials.map((m) => m.kind).join(", "),
          at: now,
        },
        extra,
      ),
    );
  } catch (error) {
    if (error instanceof ConflictError)
      throw conflict("no_supplement_requested", "the supplement period has closed");
    throw error;
  }
  await deliverAnswer(deps, answered);
  return { caseId, status: "supplied" };
}
