import { shanghaiDate } from "../domain/calendar/index.js";
import { type CaseRecord, caseSubject, SYSTEM } from "../domain/cases/records.js";
import { categoryOfOrganizationType, issueUscc } from "../domain/identifiers/index.js";
import { organizationCodeBody } from "../domain/identifiers/uscc.js";
import type { OrganizationRecord } from "../domain/organizations/records.js";
import type { RegistrationApplication } from "../domain/registration/index.js";
import { composeMessages } from "../notify/compose.js";
import type { WriteOp } from "../ports/store.js";
import { caseChange, outboxWrites } from "./support/case-change.js";
import { settledWrites } from "./support/deadline-writes.js";
import type { Deps } from "./support/deps.js";
import { grantWrites } from "./support/grant-writes.js";
import { retryOnConflict } from "./support/retry.js";
import { joiningSeasonDeadlines } from "./support/season-deadlines.js";

/**
 * Organization codes may skip a number but never repeat one, so a process reserves them in blocks (one write
 * per hundred approvals); its first block is small, since a process that approves once leaves the rest unused.
 */
const ORGANIZATION_CODE_BLOCKS = { first: 10, later: 100 };

/**
 * On approval: the organization record with a newly issued USCC, its certificate, the case closed and
 * the decision limit met. The name stays held by the case, which the organization names as its
 * registration (namesOnRegister). Idempotent: an approved case returns its USCC again.
 */
export async function approveRegistration(deps: Deps, input: { caseId: string }): Promise<{ uscc: string }> {
  return retryOnConflict(
    async () => {
      const record = (await deps.store.getCase(input.caseId)) as
        | CaseRecord<RegistrationApplication>
        | undefined;
      if (!record) throw new Error(`case ${input.caseId} not found`);
      if (record.status === "approved" && record.uscc) return { uscc: record.uscc };
      const app = record.application;
      const sequence = await deps.store.nextSequence("organization_code", ORGANIZATION_CODE_BLOCKS);
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
        ...(app.streetCode ? { streetCode: app.streetCode } : {}),
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
        ...(await joiningSeasonDeadlines(deps, organization, now)),
      ];
      if (limit) extra.push(...settledWrites(limit, "met"));
      // The applicant becomes the organization's first member (首位成员), who can invite the others.
      if (record.applicantIssuer) {
        const applicant = { issuer: record.applicantIssuer, sub: record.applicantSub };
        extra.push(...grantWrites(undefined, applicant, { kind: "org", uscc }, SYSTEM, now.toISOString()));
      }
      await deps.store.transact(
        caseChange(
          record,
          { status: "approved", uscc },
          { actor: SYSTEM, action: "registered", note: `USCC ${uscc}`, at: now },
          extra,
        ),
      );
      await deps.notifier.enqueue(messages.map((m) => m.id));
      return { uscc };
    },
    { times: 5 },
  );
}
