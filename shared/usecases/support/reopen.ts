import { shanghaiDate } from "../../domain/calendar/index.js";
import { type DeadlineRecord, organizationSubject } from "../../domain/cases/records.js";
import { currentEntries, endListingOfUndoneMiss } from "../../domain/credit/index.js";
import type { Reopened } from "../../domain/deadlines/index.js";
import type { WriteOp } from "../../ports/store.js";
import { creditReviewWaivers } from "./credit-listing.js";
import type { Deps } from "./deps.js";

/**
 * What undoing a miss writes besides the deadline (an extension or a restart past it): the credit listing
 * the miss caused ends (domain/credit `endListingOfUndoneMiss`), on the organization's timeline, and with
 * no abnormal listing left the two-year review towards the serious list is waived.
 */
export async function undoneMissWrites(
  deps: Deps,
  d: DeadlineRecord,
  reopened: Reopened,
  actor: string,
  now: Date,
): Promise<WriteOp[]> {
  const expiry = reopened.undoes?.expiry;
  if (expiry?.action !== "credit_list" || !d.uscc || !reopened.undoes) return [];
  const org = await deps.store.getOrganization(d.uscc);
  if (!org) return [];
  const today = shanghaiDate(now);
  const since = shanghaiDate(new Date(reopened.undoes.missedAt));
  const creditLists = endListingOfUndoneMiss(org.creditLists, { ...expiry, since }, today);
  if (!creditLists) return [];
  const writes: WriteOp[] = [
    {
      op: "putOrganization",
      organization: { ...org, creditLists, version: org.version + 1 },
      expectVersion: org.version,
    },
    {
      op: "appendEvent",
      subject: organizationSubject(org.uscc),
      event: {
        at: now.toISOString(),
        actor,
        action: `credit_exit:${expiry.list}`,
        note: `${expiry.ground} since ${since}, until ${today}: the ${d.kind} deadline now runs to ${reopened.deadline.dueDate}`,
      },
    },
  ];
  if (!currentEntries(creditLists, today).some((e) => e.list === "abnormal")) {
    writes.push(...(await creditReviewWaivers(deps, org.uscc)));
  }
  return writes;
}
