import type { Principal } from "../domain/access/policy.js";
import { organizationSubject } from "../domain/cases/records.js";
import type { Deps } from "./support/deps.js";
import { readableOrganization } from "./support/readable-organization.js";

/** The organization's own timeline (extensions, list entries …); its cases keep theirs. */
export async function organizationTimeline(deps: Deps, principal: Principal, uscc: string) {
  await readableOrganization(deps, principal, uscc);
  return { items: await deps.store.listTimeline(organizationSubject(uscc)) };
}
