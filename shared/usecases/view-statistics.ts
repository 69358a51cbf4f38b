import type { Principal } from "../domain/access/policy.js";
import { actingJurisdiction, districtOfStreet, regulatesAny } from "../domain/access/policy.js";
import { shanghaiDate } from "../domain/calendar/index.js";
import { InvalidInput, NotPermitted } from "../domain/errors.js";
import { openAlertsByRule, statisticsFromCounters } from "../domain/organizations/statistics-counters.js";
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
  // Counters are kept per division; a street or town sees its organizations and alerts, not figures.
  if (districtOfStreet(scope)) throw new NotPermitted("figures are kept for divisions, not streets or towns");
  const today = shanghaiDate(deps.clock.now());
  const year = query.year ?? Number(today.slice(0, 4)) - 1;
  // From the counters its records keep, never from the register (a city's are its districts').
  const counters = await deps.store.readCounters(scope);
  const alertsByRule = openAlertsByRule(counters);
  return {
    jurisdiction: scope,
    asOf: today,
    ...statisticsFromCounters(counters, year, today),
    openAlerts: Object.values(alertsByRule).reduce((sum, n) => sum + n, 0),
    alertsByRule,
  };
}
