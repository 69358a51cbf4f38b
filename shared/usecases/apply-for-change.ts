import type { Principal } from "../domain/access/policy.js";
import { InvalidInput } from "../domain/errors.js";
import { filedBy } from "../domain/organizations/records.js";
import {
  type ChangeApplication,
  changedFields,
  checkChangeApplication,
  consentingUnit,
} from "../domain/registration/index.js";
import { settingsFor } from "../settings/index.js";
import type { Deps } from "./support/deps.js";
import type { IdempotencyRequest } from "./support/idempotency.js";
import {
  checkNameOnRegister,
  holdName,
  nameHeldElsewhere,
  refuseTakenName,
} from "./support/name-register.js";
import { filingOrganization } from "./support/org-filing.js";
import { fileRecordApplication } from "./support/record-application.js";

/**
 * 变更登记: an organization applies to change its record (with the departure audit for a new legal
 * representative, the supervisory unit's consent under dual management); the bureau decides on the
 * registration clock in the `change` queue. A new name is held for the case as a registration's is.
 */
export async function applyForChange(
  deps: Deps,
  principal: Principal,
  uscc: string,
  application: ChangeApplication,
  idem?: IdempotencyRequest,
) {
  const org = await filingOrganization(deps, principal, uscc, "change registration");
  const settings = settingsFor(org.jurisdiction);
  const fields = changedFields(org, application.changes);
  const newName = fields.includes("name") ? application.changes.name : undefined;
  const nameCheck = newName
    ? await checkNameOnRegister(
        deps,
        { orgType: org.orgType, jurisdiction: org.jurisdiction, name: newName },
        { uscc },
      )
    : undefined;
  // A name held by another is refused below; a close one is the bureau's judgment, not a correction.
  const formProblems = nameCheck && {
    ...nameCheck,
    problems: nameCheck.problems.filter((p) => p.code !== "name_taken" && p.code !== "name_too_similar"),
  };
  const violations = checkChangeApplication(org, application, settings, formProblems);
  if (violations.length > 0) throw new InvalidInput(violations);
  if (nameCheck && newName) refuseTakenName(nameCheck, "changes.name", newName);

  const filed = fileRecordApplication(
    deps,
    principal,
    org,
    {
      kind: "change",
      limitWorkingDays: settings.change.decisionLimitWorkingDays[org.orgType],
      application: {
        ...filedBy(org),
        changes: application.changes,
        fields,
        materials: application.materials,
      },
      note: fields.join(", "),
      consentingUnit: consentingUnit(org, application.changes, settings.change),
      extra: (caseId, now) => (newName ? [holdName(org.jurisdiction, newName, "pending", caseId, now)] : []),
    },
    idem,
  );
  // Another application took the new name between the check and the write that holds it.
  return newName ? filed.catch(nameHeldElsewhere("changes.name", newName)) : filed;
}
