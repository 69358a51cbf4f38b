import {
  actingJurisdiction,
  actorOf,
  districtOfStreet,
  type Principal,
  regulatesAny,
} from "../domain/access/policy.js";
import {
  type AnnualReportSeason,
  annualReportSeason,
  reportFiled,
  seasonDeadlineOf,
} from "../domain/annual-inspection/index.js";
import { shanghaiDate } from "../domain/calendar/index.js";
import { actorLabel } from "../domain/cases/records.js";
import { createDeadline, reconcileDeadline } from "../domain/deadlines/index.js";
import { InvalidInput, NotPermitted, RuleRefusal } from "../domain/errors.js";
import type { WriteOp } from "../ports/store.js";
import { settingsFor } from "../settings/index.js";
import type { Deps } from "./support/deps.js";
import { retryOnConflict } from "./support/retry.js";

/**
 * The season (年检季): its record (who opened it, when, the due dates by type), and an annual-report
 * deadline for every organization of the jurisdiction that must report on `year`, due by type per the
 * jurisdiction's settings and moved off holidays. A report already filed makes its deadline met. Safe
 * to run again: the season and the deadlines that exist are left as they are.
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
  // A street or town sees its area; seasons, like queues, are the district's.
  if (districtOfStreet(jurisdiction)) throw new NotPermitted("a street or town grant opens no season");
  const now = deps.clock.now();
  const today = shanghaiDate(now);
  // A season covers a year that has begun; its reports are due the year after.
  if (input.year > Number(today.slice(0, 4))) {
    throw new RuleRefusal(
      "year_not_begun",
      `the ${input.year} season cannot open before ${input.year} begins`,
    );
  }
  const season = await openedSeason(deps, {
    year: input.year,
    jurisdiction,
    openedBy: actorLabel(actorOf(principal)),
    openedAt: now.toISOString(),
  });
  let considered = 0;
  let created = 0;
  let after: string | undefined;
  do {
    const page = await deps.store.listOrganizations(jurisdiction, after ? { after } : {});
    after = page.next;
    const ops: WriteOp[] = [];
    for (const org of page.items) {
      const fields = seasonDeadlineOf(season, org, today);
      if (!fields) continue;
      considered++;
      const filed = reportFiled(org, input.year) ? today : undefined;
      ops.push({ op: "putDeadline", deadline: reconcileDeadline(createDeadline(fields), filed) });
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

/** The season's record: the one already opened, or this one, written once even when two open it at once. */
function openedSeason(
  deps: Deps,
  opened: Pick<AnnualReportSeason, "year" | "jurisdiction" | "openedBy" | "openedAt">,
): Promise<AnnualReportSeason> {
  return retryOnConflict(async () => {
    const found = await deps.store.getSeason(opened.jurisdiction, opened.year);
    if (found) return found;
    const season = annualReportSeason(opened, settingsFor(opened.jurisdiction).annualInspection);
    await deps.store.transact([{ op: "putSeason", season }]);
    return season;
  });
}
