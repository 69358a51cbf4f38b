import { mayActFor, type Principal } from "../../domain/access/policy.js";
import { NotFound, NotPermitted, RuleRefusal } from "../../domain/errors.js";
import type { OrganizationRecord } from "../../domain/organizations/records.js";
import type { Deps } from "./deps.js";

/** The organization filing for itself, on the register: an organization never files for another. */
export async function filingOrganization(
  deps: Deps,
  principal: Principal,
  uscc: string,
  what: string,
): Promise<OrganizationRecord> {
  if (!mayActFor(principal, uscc)) {
    throw new NotPermitted(`only the organization itself files its ${what}`);
  }
  const org = await deps.store.getOrganization(uscc);
  if (!org) throw new NotFound("organization");
  if (org.status !== "registered")
    throw new RuleRefusal("not_registered", `the organization is ${org.status}`);
  return org;
}
