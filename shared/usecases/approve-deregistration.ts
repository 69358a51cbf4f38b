import { type CaseRecord, caseSubject, organizationSubject, SYSTEM } from "../domain/cases/records.js";
import type { DeregistrationCaseApplication } from "../domain/registration/index.js";
import { composeMessages } from "../notify/compose.js";
import type { WriteOp } from "../ports/store.js";
import { caseChange, outboxWrites } from "./support/case-change.js";
import { settledWrites } from "./support/deadline-writes.js";
import type { Deps } from "./support/deps.js";
import { endOrganization } from "./support/end-organization.js";
import { caseLink } from "./support/portal-link.js";
import { retryOnConflict } from "./support/retry.js";

/**
 * On approval of a deregistration the organization's status is deregistered (its public record still
 * answers, saying so), then every deadline it has closes as waived and every other open case is withdrawn.
 */
export async function approveDeregistration(deps: Deps, input: { caseId: string }) {
  const { record, org } = await retryOnConflict(async () => {
    const record = (await deps.store.getCase(input.caseId)) as
      | CaseRecord<DeregistrationCaseApplication>
      | undefined;
    if (!record?.uscc) throw new Error(`case ${input.caseId} has no organization`);
    const org = await deps.store.getOrganization(record.uscc);
    if (!org) throw new Error(`organization ${record.uscc} not found`);
    if (record.status === "approved") return { record, org };
    const now = deps.clock.now();
    const limit = await deps.store.getDeadline({
      subject: caseSubject(record.caseId),
      kind: "decision_limit",
      ref: record.caseId,
    });
    const messages = composeMessages({
      kind: "deregistration_decided",
      ref: record.caseId,
      to: org.contact,
      vars: {
        orgName: org.name,
        caseId: record.caseId,
        outcome: "准予注销登记",
        reason: "",
        link: caseLink(record.jurisdiction, record.caseId),
      },
      jurisdiction: record.jurisdiction,
      now,
    });
    const extra: WriteOp[] = [
      {
        op: "putOrganization",
        organization: { ...org, status: "deregistered", version: org.version + 1 },
        expectVersion: org.version,
      },
      {
        op: "appendEvent",
        subject: organizationSubject(org.uscc),
        event: { at: now.toISOString(), actor: "system", action: "deregistered", note: record.caseId },
      },
      ...outboxWrites(messages),
    ];
    if (limit) extra.push(...settledWrites(limit, "met"));
    await deps.store.transact(
      caseChange(
        record,
        { status: "approved" },
        { actor: SYSTEM, action: "deregistered", note: record.application.reason, at: now },
        extra,
      ),
    );
    await deps.notifier.enqueue(messages.map((m) => m.id));
    return { record, org };
  });
  // Run on a repeated step too, so that what a first run left open is closed.
  const closed = await endOrganization(deps, {
    organization: org,
    ground: "deregistered",
    keepCaseId: record.caseId,
  });
  return { status: "approved", ...closed };
}
