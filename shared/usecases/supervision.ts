import { shanghaiDate } from "../domain/calendar/index.js";
import type { OrganizationRecord } from "../domain/organizations/records.js";
import { jurisdictionStatistics } from "../domain/organizations/statistics.js";
import type { Deps } from "./deps.js";
import { forbidden, invalid } from "./errors.js";
import type { Principal } from "./principal.js";

/** Open alerts of the regulator's jurisdiction, most severe first; an admin names the jurisdiction. */
export async function listAlerts(
  deps: Deps,
  principal: Principal,
  status: "open" | "closed",
  jurisdiction?: string,
) {
  let scope: string;
  if (principal.role === "regulator") scope = principal.jurisdiction;
  else if (principal.role === "admin") scope = jurisdiction ?? "000000";
  else throw forbidden("only a regulator or an admin reads alerts");
  const alerts = await deps.store.listAlerts(scope, status);
  return {
    items: alerts.map((a) => ({
      alertId: a.alertId,
      ...(a.uscc ? { uscc: a.uscc } : {}),
      rule: a.rule,
      severity: a.severity,
      explanation: a.explanation,
      evidence: a.evidence,
      raisedAt: a.raisedAt,
    })),
  };
}

/** A jurisdiction's statistics: its register, annual-report completion, 3A-and-above share, lists, alerts. */
export async function jurisdictionStats(
  deps: Deps,
  principal: Principal,
  query: { year?: number; jurisdiction?: string },
) {
  let scope: string;
  if (principal.role === "regulator") scope = principal.jurisdiction;
  else if (principal.role === "admin" && query.jurisdiction) scope = query.jurisdiction;
  else if (principal.role === "admin") {
    throw invalid([{ field: "jurisdiction", code: "required", message: "an admin names the jurisdiction" }]);
  } else throw forbidden("only a regulator or an admin reads statistics");
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
