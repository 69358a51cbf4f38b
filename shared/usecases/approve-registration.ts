import { shanghaiDate } from "../domain/calendar/index.js";
import { type CaseRecord, caseSubject, SYSTEM } from "../domain/cases/records.js";
import { categoryOfOrganizationType, issueUscc } from "../domain/identifiers/index.js";
import type { OrganizationRecord } from "../domain/organizations/records.js";
import type { RegistrationApplication } from "../domain/registration/index.js";
import { composeMessages } from "../notify/compose.js";
import { ConflictError, type WriteOp } from "../ports/store.js";
import { caseChange, outboxWrites } from "./case-change.js";
import { settleDeadline } from "./deadline-writes.js";
import type { Deps } from "./deps.js";

/** GB 11714 codes issued by civil affairs begin with M; seven digits of a sequence follow, never reused. */
export function organizationCodeBody(sequence: number): string {
  if (sequence >= 10_000_000) throw new Error("organization code sequence exhausted");
  return `M${String(sequence).padStart(7, "0")}`;
}

/**
 * On approval: the organization record with a newly issued USCC, its certificate, the case closed and
 * the decision limit met. Idempotent: an approved case returns its USCC again.
 */
export async function approveRegistration(deps: Deps, input: { caseId: string }): Promise<{ uscc: string }> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const record = (await deps.store.getCase(input.caseId)) as
      | CaseRecord<RegistrationApplication>
      | undefined;
    if (!record) throw new Error(`case ${input.caseId} not found`);
    if (record.status === "approved" && record.uscc) return { uscc: record.uscc };
    const app = record.application;
    const sequence = await deps.store.nextSequence("organization_code");
    const uscc = issueUscc({
      category: categoryOfOrganizationType(app.orgType),
      division: record.jurisdiction,
      organizationCodeBody: organizationCodeBody(sequence),
    });
    const now = deps.clock.now();
    const today = shanghaiDate(now);
    const organization: OrganizationRecord = {
      uscc,
      name: app.name,
      orgType: app.orgType,
      status: "registered",
      jurisdiction: record.jurisdiction,
      registeredOn: today,
      domicile: app.domicile,
      businessScope: app.businessScope,
      fundsCny: app.fundsCny,
      legalRepresentative: app.legalRepresentative,
      contact: app.contact,
      ...(app.supervisoryUnit ? { supervisoryUnit: app.supervisoryUnit } : {}),
      creditLists: [],
      annualInspections: [],
      registrationCaseId: record.caseId,
      createdAt: now.toISOString(),
      version: 1,
    };
    const limit = await deps.store.getDeadline({
      subject: caseSubject(record.caseId),
      kind: "decision_limit",
      ref: record.caseId,
    });
    const messages = composeMessages({
      kind: "registration_approved",
      ref: record.caseId,
      to: app.contact,
      vars: { orgName: app.name, caseId: record.caseId, uscc },
      jurisdiction: record.jurisdiction,
      now,
    });
    const extra: WriteOp[] = [
      { op: "putOrganization", organization, expectVersion: "absent" },
      {
        op: "putCertificate",
        certificate: {
          uscc,
          caseId: record.caseId,
          issuedOn: today,
          name: app.name,
          legalRepresentative: app.legalRepresentative.name,
        },
      },
      ...outboxWrites(messages),
    ];
    if (limit) extra.push(settleDeadline(limit, "met"));
    try {
      await deps.store.transact(
        caseChange(
          record,
          { status: "approved", uscc },
          { actor: SYSTEM, action: "registered", note: `USCC ${uscc}`, at: now },
          extra,
        ),
      );
    } catch (error) {
      // A USCC already taken (an imported organization) or a concurrent retry: read again and go on.
      if (error instanceof ConflictError) continue;
      throw error;
    }
    await deps.notifier.enqueue(messages.map((m) => m.id));
    return { uscc };
  }
  throw new Error(`could not register case ${input.caseId} after 5 attempts`);
}
