import { actingJurisdiction, type Principal, regulatesAny } from "../domain/access/policy.js";
import { mustReport } from "../domain/annual-inspection/index.js";
import { annualReportDeadline } from "../domain/annual-inspection/season.js";
import { shanghaiDate } from "../domain/calendar/index.js";
import { InvalidInput, NotPermitted, RuleRefusal } from "../domain/errors.js";
import type { WriteOp } from "../ports/store.js";
import { settingsFor } from "../settings/index.js";
import type { Deps } from "./support/deps.js";

/**
 * The season (年检季): an annual-report deadline for every organization of the jurisdiction that must report
 * on `year`, due by type per the jurisdiction's settings and moved off holidays. Safe to run again: a
 * deadline that exists is left as it is.
 */
export async function startAnnualReportSeason(
  deps: Deps,
  principal: Principal,
  input: { year: number; jurisdiction?: string },
) {
  if (!regulatesAny(principal)) throw new NotPermitted("only a regulator opens the season");
  const jurisdiction = actingJurisdiction(principal, input.jurisdiction);
  if (input.jurisdiction && !jurisdiction)
    throw new NotPermitted("a regulator opens the season of its own jurisdiction");
  if (!jurisdiction)
    throw new InvalidInput([{ field: "jurisdiction", code: "required", message: "name the jurisdiction" }]);
  const settings = settingsFor(jurisdiction);
  const now = deps.clock.now();
  // A season covers a year that has begun; its reports are due the year after.
  if (input.year > Number(shanghaiDate(now).slice(0, 4))) {
    throw new RuleRefusal(
      "year_not_begun",
      `the ${input.year} season cannot open before ${input.year} begins`,
    );
  }
  let considered = 0;
  let created = 0;
  let after: string | undefined;
  do {
    const page = await deps.store.listOrganizations(jurisdiction, after ? { after } : {});
    after = page.next;
    const ops: WriteOp[] = [];
    for (const org of page.items) {
      if (!mustReport(org, input.year)) continue;
      considered++;
      ops.push({
        op: "putDeadline",
        deadline: annualReportDeadline(org, input.year, settings.annualInspection, now),
      });
    }
    created += await deps.store.putAllIfAbsent(ops);
  } while (after);
  return {
    year: input.year,
    jurisdiction,
    organizations: considered,
    created,
    existing: considered - created,
  };
}
