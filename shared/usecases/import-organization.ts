import type { Principal } from "../domain/access/policy.js";
import { regulates, regulatesAny } from "../domain/access/policy.js";
import { InvalidInput, NotPermitted, StateConflict } from "../domain/errors.js";
import { organizationDeadlines } from "../domain/organizations/deadlines.js";
import { type ImportedOrganization, usccProblems } from "../domain/organizations/imported.js";
import type { OrganizationRecord } from "../domain/organizations/records.js";
import { streetCodeProblems } from "../domain/organizations/street.js";
import { ConflictError } from "../ports/store.js";
import { newDeadlineWrite } from "./support/deadline-writes.js";
import type { Deps } from "./support/deps.js";
import { createOnce, type IdempotencyRequest } from "./support/idempotency.js";
import { joiningSeasonDeadlines } from "./support/season-deadlines.js";

/** A regulator of the jurisdiction (or an admin) imports an organization registered before socorg. */
export async function importOrganization(
  deps: Deps,
  principal: Principal,
  input: ImportedOrganization,
  idem?: IdempotencyRequest,
) {
  if (!regulatesAny(principal)) throw new NotPermitted("only a regulator or an admin imports organizations");
  if (!regulates(principal, input.jurisdiction)) {
    throw new NotPermitted("a regulator imports only into its own jurisdiction");
  }
  const problems = [
    ...usccProblems(input.uscc, input.orgType, input.jurisdiction),
    ...streetCodeProblems("streetCode", input.streetCode, input.jurisdiction),
  ];
  if (problems.length > 0) throw new InvalidInput(problems);
  const organization: OrganizationRecord = {
    ...input,
    status: "registered",
    creditLists: [],
    annualInspections: [],
    createdAt: deps.clock.now().toISOString(),
    version: 1,
  };
  try {
    const created = await createOnce(deps, idem, async () => ({
      body: { uscc: input.uscc },
      ops: [
        { op: "putOrganization", organization, expectVersion: "absent" },
        ...organizationDeadlines(organization).map(newDeadlineWrite),
        ...(await joiningSeasonDeadlines(deps, organization, deps.clock.now())),
      ],
    }));
    return { status: created.status, body: created.body };
  } catch (error) {
    if (error instanceof ConflictError && error.failedOp === 0) {
      throw new StateConflict("organization_exists", `USCC ${input.uscc} is already registered`);
    }
    if (error instanceof ConflictError)
      throw new StateConflict("busy", "the register is busy with the same records; try again");
    throw error;
  }
}
