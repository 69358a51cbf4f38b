import type { Principal } from "../domain/access/policy.js";
import { actingJurisdiction, regulatesAny } from "../domain/access/policy.js";
import { shanghaiDate } from "../domain/calendar/index.js";
import { InvalidInput, NotPermitted } from "../domain/errors.js";
import type { OrganizationRecord } from "../domain/organizations/records.js";
import { jurisdictionStatistics } from "../domain/organizations/statistics.js";
import type { Deps } from "./support/deps.js";
import { readScope } from "./support/jurisdiction-scope.js";

/** A jurisdiction's statistics: its register, annual-report completion, 3A-and-above share, lists, alerts. */
export async function jurisdictionStats(
  deps: Deps,
  principal: Principal,
  query: { year?: number; jurisdiction?: string },
) {
  if (!regulatesAny(principal)) throw new NotPermitted("only a regulator or an admin reads statistics");
  // A district reads its own figures; a city or province names one of its districts; an admin names any.
  const scope = query.jurisdiction ? readScope(principal, query.jurisdiction) : actingJurisdiction(principal);
  if (!scope) {
    throw new InvalidInput([
      { field: "jurisdiction", code: "required", message: "an admin names the jurisdiction" },
    ]);
  }
  const today = shanghaiDate(deps.clock.now());
  const year = query.year ?? Number(today.slice(0, 4)) - 1;
  const orgs: OrganizationRecord[] = [];
  let after: string | undefined;
  do {
    const page = await deps.store.listOrganizations(scope, after ? { after, limit: 1000 } : { limit: 1000 });
    orgs.push(...page.items);
    after = page.next;
  } while (after);
  const openAlerts = await deps.store.listAlerts(scope, "open");
  return {
    jurisdiction: scope,
    asOf: today,
    ...jurisdictionStatistics(orgs, year, today),
    openAlerts: openAlerts.length,
  };
}
