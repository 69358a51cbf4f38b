import type { Principal } from "../domain/access/policy.js";
import type { CaseRecord, TimelineEvent } from "../domain/cases/records.js";
import { NotFound } from "../domain/errors.js";
import type { CertificateRecord } from "../ports/store.js";
import { assertCaseReader } from "./support/applicant-answer.js";
import { deadlineView, maskApplication } from "./support/case-views.js";
import type { Deps } from "./support/deps.js";

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

export async function viewCase(deps: Deps, principal: Principal, caseId: string): Promise<CaseView> {
  const found = await deps.store.getCaseWithHistory(caseId);
  if (!found) throw new NotFound("case");
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
