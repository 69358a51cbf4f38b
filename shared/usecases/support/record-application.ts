import { actorOf, type Principal } from "../../domain/access/policy.js";
import { type OfficialCalendar, shanghaiDate } from "../../domain/calendar/index.js";
import { decisionLimitCount } from "../../domain/cases/decision-clock.js";
import { actorLabel, type CaseRecord, caseSubject, type DeadlineRecord } from "../../domain/cases/records.js";
import { createDeadline, pauseDeadline } from "../../domain/deadlines/index.js";
import { newId } from "../../domain/ids.js";
import type { FiledBy, OrganizationRecord } from "../../domain/organizations/records.js";
import { composeMessages } from "../../notify/compose.js";
import type { WriteOp } from "../../ports/store.js";
import { caseOpening, outboxWrites } from "./case-change.js";
import type { Deps } from "./deps.js";
import { createOnce, type IdempotencyRequest } from "./idempotency.js";
import { countedDue, officialCalendar } from "./official-calendar.js";
import { pendingStart, startPending } from "./start-workflow.js";

/** The bureau's statutory clock on an application (decision_limit), from its arrival. */
export function decisionLimitDeadline(
  input: {
    caseId: string;
    jurisdiction: string;
    orgName: string;
    uscc?: string;
    contact: OrganizationRecord["contact"];
    limitWorkingDays: number;
  },
  now: Date,
  calendar: OfficialCalendar,
): DeadlineRecord {
  return createDeadline({
    subject: caseSubject(input.caseId),
    kind: "decision_limit",
    ref: input.caseId,
    ...countedDue(decisionLimitCount(shanghaiDate(now), input.limitWorkingDays), calendar),
    jurisdiction: input.jurisdiction,
    orgName: input.orgName,
    ...(input.uscc ? { uscc: input.uscc } : {}),
    caseId: input.caseId,
    organizationContact: input.contact,
  });
}

/** The workflow's input: whether the supervisory unit consents first. */
const workflowInput = (caseId: string, consentingUnit: string | undefined) => ({
  caseId,
  consent: consentingUnit !== undefined,
});

/**
 * 变更登记 and 注销登记 as a registered organization files them: the case with its decision limit, the
 * acknowledgement, and the workflow of its kind, once per idempotency key.
 */
export async function fileRecordApplication<A extends FiledBy>(
  deps: Deps,
  principal: Principal,
  org: OrganizationRecord,
  spec: {
    kind: "change" | "deregistration";
    limitWorkingDays: number;
    application: A;
    /** The case timeline's note on submission. */
    note: string;
    /** 双重管理: the supervisory unit that consents before the bureau reviews, when one must. */
    consentingUnit?: string;
    /** Checks that need the register, run only for a request that is new. */
    precheck?: () => Promise<void>;
    /** Further writes in the same transaction (a name held for the case). */
    extra?: (caseId: string, now: Date) => WriteOp[];
  },
  idem?: IdempotencyRequest,
) {
  let messageIds: string[] = [];
  const result = await createOnce<{ caseId: string; status: string }>(deps, idem, async () => {
    await spec.precheck?.();
    const now = deps.clock.now();
    const at = now.toISOString();
    const caseId = newId(spec.kind === "change" ? "CHG" : "DRG", now);
    const record: CaseRecord<A> = {
      caseId,
      kind: spec.kind,
      status: spec.consentingUnit ? "supervisory_review" : "under_review",
      jurisdiction: org.jurisdiction,
      applicantSub: principal.sub,
      uscc: org.uscc,
      ...(spec.consentingUnit ? { supervisoryUnit: spec.consentingUnit } : {}),
      application: spec.application,
      version: 1,
      createdAt: at,
      updatedAt: at,
    };
    const counted = decisionLimitDeadline(
      {
        caseId,
        jurisdiction: org.jurisdiction,
        orgName: org.name,
        uscc: org.uscc,
        contact: org.contact,
        limitWorkingDays: spec.limitWorkingDays,
      },
      now,
      await officialCalendar(deps.store),
    );
    // The bureau's clock waits for the unit's consent and then starts in full, as after 补正.
    const decisionLimit = spec.consentingUnit
      ? { ...(pauseDeadline(counted) as DeadlineRecord), version: 1 }
      : counted;
    const messages = composeMessages({
      kind: spec.kind === "change" ? "change_received" : "deregistration_received",
      ref: caseId,
      to: org.contact,
      vars: { orgName: org.name, caseId, dueDate: decisionLimit.dueDate },
      jurisdiction: org.jurisdiction,
      now,
    });
    messageIds = messages.map((m) => m.id);
    return {
      body: { caseId, status: record.status },
      ops: [
        ...caseOpening(record, {
          actor: actorLabel(actorOf(principal)),
          action: "submitted",
          note: spec.note,
        }),
        { op: "putDeadline", deadline: decisionLimit, expectVersion: "absent" },
        pendingStart(caseId, spec.kind, workflowInput(caseId, spec.consentingUnit), now),
        ...outboxWrites(messages),
        ...(spec.extra?.(caseId, now) ?? []),
      ],
    };
  });
  if (result.fresh) {
    await startPending(deps, {
      caseId: result.body.caseId,
      workflow: spec.kind,
      input: workflowInput(result.body.caseId, spec.consentingUnit),
    });
    await deps.notifier.enqueue(messageIds);
  }
  return { status: result.status, body: result.body };
}
