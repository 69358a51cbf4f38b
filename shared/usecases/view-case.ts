import { shanghaiDate } from "../domain/calendar/index.js";
import { decisionClock } from "../domain/cases/decision-clock.js";
import type {
  CaseRecord,
  DeadlineRecord,
  Queue,
  TaskStatus,
  TimelineEvent,
} from "../domain/cases/records.js";
import { maskResidentId } from "../domain/identifiers/index.js";
import type { RegistrationApplication } from "../domain/registration/index.js";
import type { CertificateRecord } from "../ports/store.js";
import { settingsFor } from "../settings/index.js";
import { assertCaseReader } from "./applicant-answers.js";
import { deadlineId } from "./deadline-writes.js";
import type { Deps } from "./deps.js";
import { forbidden, notFound } from "./errors.js";
import type { Principal } from "./principal.js";

export interface CaseView {
  caseId: string;
  kind: string;
  status: string;
  jurisdiction: string;
  uscc?: string;
  application: unknown;
  currentTask?: { step: string; taskId: string };
  deadlines: { kind: string; dueDate: string; status: string; calendarPublished?: boolean }[];
  timeline: TimelineEvent[];
  certificate?: CertificateRecord;
  createdAt: string;
  updatedAt: string;
}

/** ID numbers never leave the store unmasked. */
export function maskApplication(application: unknown): unknown {
  const app = application as Partial<RegistrationApplication>;
  if (!app?.legalRepresentative) return application;
  return {
    ...app,
    legalRepresentative: {
      ...app.legalRepresentative,
      idNumber: maskResidentId(app.legalRepresentative.idNumber),
    },
  };
}

const deadlineView = (d: DeadlineRecord) => ({
  deadlineId: deadlineId(d),
  kind: d.kind,
  dueDate: d.dueDate,
  status: d.status,
  ...(d.calendarPublished === false ? { calendarPublished: false } : {}),
});

export async function viewCase(deps: Deps, principal: Principal, caseId: string): Promise<CaseView> {
  const found = await deps.store.getCaseWithHistory(caseId);
  if (!found) throw notFound("case");
  assertCaseReader(principal, found.record);
  const r: CaseRecord = found.record;
  // 登记证书: the certificate a registration case produced.
  const certificate =
    r.kind === "registration" && r.status === "approved" && r.uscc
      ? (await deps.store.getCertificates(r.uscc)).find((c) => c.caseId === r.caseId)
      : undefined;
  return {
    caseId: r.caseId,
    kind: r.kind,
    status: r.status,
    jurisdiction: r.jurisdiction,
    ...(r.uscc ? { uscc: r.uscc } : {}),
    application: maskApplication(r.application),
    ...(r.currentTask ? { currentTask: r.currentTask } : {}),
    deadlines: found.deadlines.map(deadlineView),
    timeline: found.timeline,
    ...(certificate ? { certificate } : {}),
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

export async function listMyCases(deps: Deps, principal: Principal) {
  if (principal.role !== "org") throw forbidden("only an organization lists its own cases");
  const owned = await deps.store.listCasesOf({ applicantSub: principal.sub });
  const byUscc = principal.uscc ? await deps.store.listCasesOf({ uscc: principal.uscc }) : [];
  const all = [...owned, ...byUscc.filter((c) => !owned.some((o) => o.caseId === c.caseId))];
  return {
    items: all.map((c) => ({ caseId: c.caseId, kind: c.kind, status: c.status, createdAt: c.createdAt })),
  };
}

export async function listTasks(deps: Deps, principal: Principal, queue: Queue, status: TaskStatus) {
  if (principal.role !== "regulator") throw forbidden("only a regulator has a queue");
  const tasks = await deps.store.listQueue(principal.jurisdiction, queue, status);
  const today = shanghaiDate(deps.clock.now());
  const { warningWorkingDays } = settingsFor(principal.jurisdiction).queueThresholds;
  return {
    items: tasks.map((t) => ({
      taskId: t.taskId,
      caseId: t.caseId,
      queue: t.queue,
      step: t.step,
      status: t.status,
      dueDate: t.dueDate,
      ...(t.status === "open" ? { clock: decisionClock(t.dueDate, today, warningWorkingDays) } : {}),
      ...(t.claimedBy ? { claimedBy: t.claimedBy } : {}),
      ...(t.outcome ? { outcome: t.outcome } : {}),
    })),
  };
}
