import { organizationSubject, SYSTEM } from "../domain/cases/records.js";
import { caseChange } from "./support/case-change.js";
import { enterCreditList } from "./support/credit-listing.js";
import type { Deps } from "./support/deps.js";
import { endOrganization } from "./support/end-organization.js";
import { retryOnConflict } from "./support/retry.js";

/** 撤销登记, decided by an officer: the registration ends and the organization enters the serious list. */
export async function revokeRegistration(deps: Deps, input: { caseId: string; reason?: string }) {
  const record = await deps.store.getCase(input.caseId);
  if (!record?.uscc) throw new Error(`case ${input.caseId} has no organization`);
  if (record.status === "revoked") {
    // A repeated step finishes what the first left undone.
    const org = await deps.store.getOrganization(record.uscc);
    if (org) await endOrganization(deps, { organization: org, ground: "revoked", keepCaseId: record.caseId });
    return { status: "revoked" };
  }
  const uscc = record.uscc;
  await enterCreditList(deps, {
    uscc,
    list: "serious",
    ground: "registration_revoked",
    decidedBy: "system",
  });
  return retryOnConflict(async () => {
    const org = await deps.store.getOrganization(uscc);
    const current = await deps.store.getCase(input.caseId);
    if (!org || !current) throw new Error("organization or case vanished");
    const now = deps.clock.now();
    await deps.store.transact(
      caseChange(
        current,
        { status: "revoked" },
        { actor: SYSTEM, action: "registration_revoked", note: input.reason, at: now },
        [
          {
            op: "putOrganization",
            organization: { ...org, status: "revoked", version: org.version + 1 },
            expectVersion: org.version,
          },
          {
            op: "appendEvent",
            subject: organizationSubject(org.uscc),
            event: {
              at: now.toISOString(),
              actor: "system",
              action: "registration_revoked",
              note: input.reason,
            },
          },
        ],
      ),
    );
    // 撤销登记 closes what the organization left open as deregistration does.
    await endOrganization(deps, { organization: org, ground: "revoked", keepCaseId: current.caseId });
    return { status: "revoked" };
  });
}
