import type { Principal } from "../domain/access/policy.js";
import { actingJurisdiction, liesIn, regulatesAny } from "../domain/access/policy.js";
import { NotPermitted } from "../domain/errors.js";
import type { AlertRecord } from "../domain/risk/alerts.js";
import type { Deps } from "./support/deps.js";
import { readAreaScope } from "./support/jurisdiction-scope.js";

/**
 * Open alerts of the regulator's jurisdiction, most severe first; an admin names the jurisdiction. A street
 * or town grant reads the alerts of its district's organizations that lie in its area.
 */
export async function listAlerts(
  deps: Deps,
  principal: Principal,
  status: "open" | "closed",
  jurisdiction?: string,
) {
  if (!regulatesAny(principal)) throw new NotPermitted("only a regulator or an admin reads alerts");
  // A district reads its own alerts, a city or province one of its districts it names; an admin's default is the national code.
  const named = jurisdiction ?? actingJurisdiction(principal);
  const area = named ? readAreaScope(principal, named) : { jurisdiction: "000000" };
  const all = await deps.store.listAlerts(area.jurisdiction, status);
  const alerts = area.streetCode ? await inStreet(deps, all, area) : all;
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

/** The alerts about organizations of the street or town: each organization read once, for its street code. */
async function inStreet(
  deps: Deps,
  alerts: AlertRecord[],
  area: { jurisdiction: string; streetCode?: string },
): Promise<AlertRecord[]> {
  const usccs = [...new Set(alerts.flatMap((a) => (a.uscc ? [a.uscc] : [])))];
  const orgs = await Promise.all(usccs.map((uscc) => deps.store.getOrganization(uscc)));
  const inside = new Set(orgs.flatMap((o) => (o && liesIn(area, o) ? [o.uscc] : [])));
  return alerts.filter((a) => a.uscc !== undefined && inside.has(a.uscc));
}
