import type { Principal } from "../domain/access/policy.js";
import { shanghaiDate } from "../domain/calendar/index.js";
import { CLOSED_CASE_STATUSES } from "../domain/cases/records.js";
import { InvalidInput, StateConflict } from "../domain/errors.js";
import { filedBy } from "../domain/organizations/records.js";
import {
  checkDeregistrationApplication,
  type DeregistrationApplication,
  deregistrationConsentUnit,
  deregistrationFiledLate,
} from "../domain/registration/index.js";
import { settingsFor } from "../settings/index.js";
import type { Deps } from "./support/deps.js";
import type { IdempotencyRequest } from "./support/idempotency.js";
import { filingOrganization } from "./support/org-filing.js";
import { fileRecordApplication } from "./support/record-application.js";

/**
 * 注销登记: after its liquidation the organization applies with the liquidation report (and the supervisory
 * unit's consent under dual management); the bureau decides on the registration clock in the
 * `deregistration` queue. One application at a time.
 */
export async function applyForDeregistration(
  deps: Deps,
  principal: Principal,
  uscc: string,
  application: DeregistrationApplication,
  idem?: IdempotencyRequest,
) {
  const org = await filingOrganization(deps, principal, uscc, "deregistration");
  const settings = settingsFor(org.jurisdiction);
  const today = shanghaiDate(deps.clock.now());
  const violations = checkDeregistrationApplication(org, application, settings.deregistration, today);
  if (violations.length > 0) throw new InvalidInput(violations);
  const filedLate = deregistrationFiledLate(
    application.liquidation.completedOn,
    today,
    settings.deregistration,
  );
  const late = filedLate ? `; filed more than ${settings.deregistration.filingDays} days after` : "";
  return fileRecordApplication(
    deps,
    principal,
    org,
    {
      kind: "deregistration",
      limitWorkingDays: settings.deregistration.decisionLimitWorkingDays[org.orgType],
      application: { ...filedBy(org), ...application, filedLate },
      note: `liquidation completed ${application.liquidation.completedOn}${late}`,
      consentingUnit: deregistrationConsentUnit(org),
      precheck: async () => {
        const open = (await deps.store.listCasesOf({ uscc })).find(
          (c) => c.kind === "deregistration" && !CLOSED_CASE_STATUSES.includes(c.status),
        );
        if (open) {
          throw new StateConflict(
            "deregistration_pending",
            `deregistration ${open.caseId} is still being decided`,
          );
        }
      },
    },
    idem,
  );
}
