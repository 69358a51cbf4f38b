import { actingJurisdiction, type Principal, scopesOf } from "../domain/access/policy.js";
import { shanghaiDate } from "../domain/calendar/index.js";
import { InvalidInput } from "../domain/errors.js";
import type { OrgType } from "../domain/registration/index.js";
import { isKnownDivision, settingsFor } from "../settings/index.js";
import { indicatorSystemInForce } from "./support/assessment.js";
import type { Deps } from "./support/deps.js";

/** The indicator tree in force for the caller's jurisdiction (or the one asked for) and a type, with its thresholds. */
export async function viewAssessmentIndicators(
  deps: Deps,
  principal: Principal,
  query: { orgType: OrgType; jurisdiction?: string; year?: number },
) {
  let jurisdiction = query.jurisdiction ?? actingJurisdiction(principal);
  const own = scopesOf(principal).organizations[0];
  if (!jurisdiction && own) jurisdiction = (await deps.store.getOrganization(own))?.jurisdiction;
  if (jurisdiction && !isKnownDivision(jurisdiction)) {
    throw new InvalidInput([
      { field: "jurisdiction", code: "unknown_division", message: "not a known division code" },
    ]);
  }
  if (!jurisdiction) {
    throw new InvalidInput([
      { field: "jurisdiction", code: "required", message: "name the jurisdiction whose indicators to show" },
    ]);
  }
  const year = query.year ?? Number(shanghaiDate(deps.clock.now()).slice(0, 4));
  const system = indicatorSystemInForce(jurisdiction, query.orgType, year);
  const settings = settingsFor(jurisdiction).assessment;
  return {
    version: system.version,
    jurisdiction,
    orgType: query.orgType,
    year,
    maxScore: system.maxScore,
    bonusMaxPoints: settings.bonusMaxPoints,
    thresholds: settings.thresholds,
    indicators: system.indicators,
  };
}
