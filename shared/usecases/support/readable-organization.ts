import type { Principal } from "../../domain/access/policy.js";
import { maySeeOrganization } from "../../domain/access/policy.js";
import { NotFound } from "../../domain/errors.js";
import type { Deps } from "./deps.js";

/** The organization itself and its regulator read its record; for anyone else it does not exist. */
export async function readableOrganization(deps: Deps, principal: Principal, uscc: string) {
  const org = await deps.store.getOrganization(uscc);
  if (!org || !maySeeOrganization(principal, org)) throw new NotFound("organization");
  return org;
}
