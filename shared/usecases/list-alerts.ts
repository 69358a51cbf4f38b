import type { Principal } from "../domain/access/policy.js";
import { actingJurisdiction, regulatesAny } from "../domain/access/policy.js";
import { NotPermitted } from "../domain/errors.js";
import type { Deps } from "./support/deps.js";
import { readScope } from "./support/jurisdiction-scope.js";

/** Open alerts of the regulator's jurisdiction, most severe first; an admin names the jurisdiction. */
export async function listAlerts(
  deps: Deps,
  principal: Principal,
  status: "open" | "closed",
  jurisdiction?: string,
) {
  if (!regulatesAny(principal)) throw new NotPermitted("only a regulator or an admin reads alerts");
  // A district reads its own alerts, a city or province one of its districts it names; an admin's default is the national code.
  const scope = jurisdiction
    ? readScope(principal, jurisdiction)
    : (actingJurisdiction(principal) ?? "000000");
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
