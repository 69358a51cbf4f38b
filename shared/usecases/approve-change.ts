import { shanghaiDate } from "../domain/calendar/index.js";
import { type CaseRecord, caseSubject, organizationSubject, SYSTEM } from "../domain/cases/records.js";
import { applyChanges, type ChangeCaseApplication } from "../domain/registration/index.js";
import { composeMessages } from "../notify/compose.js";
import type { WriteOp } from "../ports/store.js";
import { caseChange, outboxWrites } from "./support/case-change.js";
import { settledWrites } from "./support/deadline-writes.js";
import type { Deps } from "./support/deps.js";
import { holdName } from "./support/name-register.js";
import { caseLink } from "./support/portal-link.js";
import { retryOnConflict } from "./support/retry.js";

/**
 * On approval of a change registration the organization's record changes, never its USCC, and the public
 * history records each field's change; a changed name passes from the case to the organization.
 */
export async function approveChange(deps: Deps, input: { caseId: string }) {
  return retryOnConflict(async () => {
    const record = (await deps.store.getCase(input.caseId)) as CaseRecord<ChangeCaseApplication> | undefined;
    if (!record?.uscc) throw new Error(`case ${input.caseId} has no organization`);
    if (record.status === "approved") return { status: "approved" };
    const org = await deps.store.getOrganization(record.uscc);
    if (!org) throw new Error(`organization ${record.uscc} not found`);
    const now = deps.clock.now();
    const { organization, history } = applyChanges(org, record.application.changes, shanghaiDate(now));
    const limit = await deps.store.getDeadline({
      subject: caseSubject(record.caseId),
      kind: "decision_limit",
      ref: record.caseId,
    });
    const link = caseLink(record.jurisdiction, record.caseId);
    const messages = composeMessages({
      kind: "change_decided",
      ref: record.caseId,
      to: organization.contact,
      vars: { orgName: organization.name, caseId: record.caseId, outcome: "准予变更登记", reason: "", link },
      jurisdiction: record.jurisdiction,
      now,
    });
    const summary = history.map((h) => h.field).join(", ");
    const extra: WriteOp[] = [
      {
        op: "putOrganization",
        organization: { ...organization, version: org.version + 1 },
        expectVersion: org.version,
      },
      {
        op: "appendEvent",
        subject: organizationSubject(org.uscc),
        event: {
          at: now.toISOString(),
          actor: "system",
          action: "record_changed",
          note: `${summary} (${record.caseId})`,
        },
      },
      ...outboxWrites(messages),
    ];
    if (limit) extra.push(...settledWrites(limit, "met"));
    if (organization.name !== org.name) {
      extra.push(
        holdName(record.jurisdiction, organization.name, "registered", org.uscc, now, record.caseId),
        holdName(record.jurisdiction, org.name, "released", org.uscc, now, org.registrationCaseId),
      );
    }
    await deps.store.transact(
      caseChange(
        record,
        { status: "approved" },
        { actor: SYSTEM, action: "changed", note: summary, at: now },
        extra,
      ),
    );
    await deps.notifier.enqueue(messages.map((m) => m.id));
    return { status: "approved" };
  });
}
