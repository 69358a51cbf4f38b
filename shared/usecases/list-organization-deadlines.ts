import type { Principal } from "../domain/access/policy.js";
import { caseSubject, organizationSubject } from "../domain/cases/records.js";
import { deadlineId } from "./support/deadline-writes.js";
import type { Deps } from "./support/deps.js";
import { readableOrganization } from "./support/readable-organization.js";

/** The organization's deadlines, for itself and its regulator. */
export async function listOrganizationDeadlines(deps: Deps, principal: Principal, uscc: string) {
  await readableOrganization(deps, principal, uscc);
  const own = await deps.store.listDeadlines(organizationSubject(uscc));
  const cases = await deps.store.listCasesOf({ uscc });
  const ofCases = (
    await Promise.all(cases.map((c) => deps.store.listDeadlines(caseSubject(c.caseId))))
  ).flat();
  return {
    items: [...own, ...ofCases].map((d) => ({
      deadlineId: deadlineId(d),
      kind: d.kind,
      ref: d.ref,
      dueDate: d.dueDate,
      status: d.status,
    })),
  };
}
