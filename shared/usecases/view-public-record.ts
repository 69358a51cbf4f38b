import { isGradeValid } from "../domain/assessment/index.js";
import { shanghaiDate } from "../domain/calendar/index.js";
import { currentEntries } from "../domain/credit/index.js";
import { InvalidInput, NotFound } from "../domain/errors.js";
import { validateUscc } from "../domain/identifiers/index.js";
import type { Deps } from "./support/deps.js";

/** The public record of one USCC: nothing personal. */
export async function publicRecord(deps: Deps, uscc: string) {
  const checked = validateUscc(uscc);
  if (!checked.ok)
    throw new InvalidInput([{ field: "uscc", code: checked.problem, message: checked.message }]);
  const org = await deps.store.getOrganization(uscc);
  if (!org) throw new NotFound("organization");
  const today = shanghaiDate(deps.clock.now());
  return {
    uscc: org.uscc,
    name: org.name,
    orgType: org.orgType,
    status: org.status,
    jurisdiction: org.jurisdiction,
    registeredOn: org.registeredOn,
    ...(org.domicile ? { domicile: org.domicile } : {}),
    ...(org.streetCode ? { streetCode: org.streetCode } : {}),
    ...(org.grade && isGradeValid(org.grade, today)
      ? {
          grade: {
            level: org.grade.level,
            validUntil: org.grade.validUntil,
            ...(org.grade.certificateNo ? { certificateNo: org.grade.certificateNo } : {}),
          },
        }
      : {}),
    creditLists: currentEntries(org.creditLists, today).map(({ list, ground, since }) => ({
      list,
      ground,
      since,
    })),
    creditListHistory: org.creditLists
      .filter((e) => e.until && e.until <= today)
      .map(({ list, ground, since, until }) => ({ list, ground, since, until })),
    annualInspections: org.annualInspections,
    ...(org.term ? { term: org.term } : {}),
    // Who leads it is public; birth dates and ID numbers are not.
    ...(org.leaders ? { leaders: org.leaders.map(({ name, post }) => ({ name, post })) } : {}),
    history: org.history ?? [],
  };
}
