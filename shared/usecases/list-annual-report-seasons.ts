import type { Principal } from "../domain/access/policy.js";
import { regulatesAny } from "../domain/access/policy.js";
import { NotPermitted } from "../domain/errors.js";
import type { Deps } from "./support/deps.js";
import { readScope } from "./support/jurisdiction-scope.js";

/** The annual-report seasons of a jurisdiction the regulator reads (an admin names one), latest first. */
export async function listAnnualReportSeasons(deps: Deps, principal: Principal, jurisdiction?: string) {
  if (!regulatesAny(principal)) throw new NotPermitted("only a regulator lists the seasons");
  return { items: await deps.store.listSeasons(readScope(principal, jurisdiction)) };
}
