import { actorOf, type Principal, regulates, regulatesAny } from "../domain/access/policy.js";
import { shanghaiDate } from "../domain/calendar/index.js";
import { actorLabel, organizationSubject } from "../domain/cases/records.js";
import { abnormalListExitDate, seriousListExitEligibleOn } from "../domain/credit/index.js";
import { InvalidInput, NotFound, NotPermitted, RuleRefusal, StateConflict } from "../domain/errors.js";
import type { WriteOp } from "../ports/store.js";
import { creditReviewWaivers } from "./support/credit-listing.js";
import type { Deps } from "./support/deps.js";
import { retryOnConflict } from "./support/retry.js";

/**
 * Removal from a credit list, by the registration authority: from the abnormal list within 5 working
 * days of verifying the remedy (or 6 months after entry where nothing is to be done); from the serious
 * list 2 years after entry, on application. The exit date goes on the entry, the timeline and the record.
 */
export async function exitCreditList(
  deps: Deps,
  principal: Principal,
  uscc: string,
  request: { list: "abnormal" | "serious"; ground: string; since: string; remedyVerifiedOn?: string },
) {
  if (!regulatesAny(principal)) throw new NotPermitted("the registration authority decides removals");
  return retryOnConflict(
    async () => {
      const org = await deps.store.getOrganization(uscc);
      if (!org || !regulates(principal, org.jurisdiction)) {
        throw new NotFound("organization");
      }
      const now = deps.clock.now();
      const today = shanghaiDate(now);
      const index = org.creditLists.findIndex(
        (e) =>
          e.list === request.list && e.ground === request.ground && e.since === request.since && !e.until,
      );
      const entry = org.creditLists[index];
      if (!entry) throw new NotFound("credit-list entry");
      let until: string;
      try {
        if (request.list === "abnormal") {
          until = abnormalListExitDate(entry, request.remedyVerifiedOn).date;
        } else {
          const eligible = seriousListExitEligibleOn(entry);
          if (eligible > today)
            throw new RuleRefusal(
              "not_yet_eligible",
              `removal from the serious list is possible from ${eligible}`,
            );
          if (entry.ground === "abnormal_list_two_years" && !request.remedyVerifiedOn) {
            throw new InvalidInput([
              {
                field: "remedyVerifiedOn",
                code: "required",
                message: "what was missing must have been done",
              },
            ]);
          }
          until = today;
        }
      } catch (error) {
        if (error instanceof RangeError) {
          throw new InvalidInput([{ field: "remedyVerifiedOn", code: "required", message: error.message }]);
        }
        throw error;
      }
      const creditLists = org.creditLists.map((e, i) => (i === index ? { ...e, until } : e));
      const writes: WriteOp[] = [
        {
          op: "putOrganization",
          organization: { ...org, creditLists, version: org.version + 1 },
          expectVersion: org.version,
        },
        {
          op: "appendEvent",
          subject: organizationSubject(uscc),
          event: {
            at: now.toISOString(),
            actor: actorLabel(actorOf(principal)),
            action: `credit_exit:${request.list}`,
            note: `${request.ground} since ${request.since}, until ${until}`,
          },
        },
      ];
      // With no abnormal listing left, the two-year move to the serious list no longer applies.
      const stillAbnormal = creditLists.some((e) => e.list === "abnormal" && !e.until);
      if (request.list === "abnormal" && !stillAbnormal) {
        writes.push(...(await creditReviewWaivers(deps, uscc)));
      }
      await deps.store.transact(writes);
      return { uscc, list: request.list, ground: request.ground, since: request.since, until };
    },
    {
      exhausted: () =>
        new StateConflict("organization_changed", "the organization changed meanwhile; try again"),
    },
  );
}
