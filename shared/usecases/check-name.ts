import type { Principal } from "../domain/access/policy.js";
import type { OrgType } from "../domain/registration/index.js";
import type { Deps } from "./support/deps.js";
import { checkNameOnRegister } from "./support/name-register.js";

/**
 * 名称核准 before registration: the name's area, field and kind words, its forbidden words, and the names
 * of the jurisdiction it is the same as or too close to. Pending applications are named, never identified.
 */
export async function checkNameAvailability(
  deps: Deps,
  _principal: Principal,
  input: { orgType: OrgType; jurisdiction: string; name: string },
) {
  const result = await checkNameOnRegister(deps, input);
  return {
    name: input.name,
    jurisdiction: input.jurisdiction,
    available: result.available,
    problems: result.problems,
    conflicts: result.conflicts.map((c) => ({
      name: c.name,
      holder: c.holder,
      match: c.match,
      ...(c.uscc ? { uscc: c.uscc } : {}),
    })),
  };
}
