import { reportFiled, seasonDeadlineOf } from "../../domain/annual-inspection/index.js";
import { shanghaiDate } from "../../domain/calendar/index.js";
import { createDeadline, reconcileDeadline } from "../../domain/deadlines/index.js";
import type { OrganizationRecord } from "../../domain/organizations/records.js";
import type { WriteOp } from "../../ports/store.js";
import { newDeadlineWrite } from "./deadline-writes.js";
import type { Deps } from "./deps.js";

/**
 * An organization that comes into the register (imported, registered) while a season it must report in
 * is open gets that season's deadline at once, met if its report is already on its record.
 */
export async function joiningSeasonDeadlines(
  deps: Deps,
  org: OrganizationRecord,
  now: Date,
): Promise<WriteOp[]> {
  const today = shanghaiDate(now);
  const seasons = await deps.store.listSeasons(org.jurisdiction);
  return seasons.flatMap((season) => {
    const fields = seasonDeadlineOf(season, org, today, true);
    if (!fields) return [];
    const filed = reportFiled(org, season.year) ? today : undefined;
    return [newDeadlineWrite(reconcileDeadline(createDeadline(fields), filed))];
  });
}
