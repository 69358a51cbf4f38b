import { addDays, shanghaiDate, startOfShanghaiDay } from "../domain/calendar/index.js";
import {
  actorLabel,
  type CaseRecord,
  caseSubject,
  type DeadlineRecord,
  organizationSubject,
} from "../domain/cases/records.js";
import {
  type AbnormalGround,
  abnormalListEntry,
  abnormalListExitDate,
  currentEntries,
  LEGAL_GROUNDS,
  revocationConsiderationDue,
  type SeriousGround,
  seriousListDueOn,
  seriousListEntry,
  seriousListExitEligibleOn,
} from "../domain/credit/index.js";
import type { OrganizationRecord } from "../domain/organizations/records.js";
import { composeMessages } from "../notify/compose.js";
import { ConflictError, type WriteOp } from "../ports/store.js";
import { settingsFor } from "../settings/index.js";
import { settleDeadline } from "./deadline-writes.js";
import type { Deps } from "./deps.js";
import { conflict, forbidden, invalid, notFound, unprocessable } from "./errors.js";
import { actorOf, type Principal } from "./principal.js";
import { pendingStart, startPending } from "./start-workflow.js";

export interface CreditListing {
  writes: WriteOp[];
  messageIds: string[];
  /** Work that follows the commit (a revocation review to open), idempotent. */
  afterCommit: () => Promise<void>;
}

const LIST_NAMES = { abnormal: "活动异常名录", serious: "严重违法失信名单" } as const;

/**
 * The writes that put an organization on a credit list, with its legal ground, date and decider, on its
 * timeline and in its public record; an abnormal listing also schedules the two-year review that moves it
 * to the serious list. Nothing when the listing already stands (or, for the serious list, no longer applies).
 */
export async function creditListing(
  deps: Deps,
  uscc: string,
  list: "abnormal" | "serious",
  ground: string,
  decidedBy: string,
  now: Date,
  /** The report year whose deadline was missed, for an annual_report_not_submitted listing. */
  missedYear?: number,
): Promise<CreditListing | undefined> {
  const org = await deps.store.getOrganization(uscc);
  if (org?.status !== "registered") return undefined;
  const today = shanghaiDate(now);
  const current = currentEntries(org.creditLists, today);
  // A new ground while listed is a new entry (it restarts the exit clock); the same one on the same day is not.
  if (org.creditLists.some((e) => e.list === list && e.ground === ground && e.since === today))
    return undefined;
  if (
    list === "serious" &&
    ground === "abnormal_list_two_years" &&
    !current.some((e) => e.list === "abnormal")
  ) {
    return undefined;
  }
  const entry =
    list === "abnormal"
      ? abnormalListEntry(ground as AbnormalGround, today, decidedBy)
      : seriousListEntry(ground as SeriousGround, today, decidedBy);
  const updated: OrganizationRecord = {
    ...org,
    creditLists: [...org.creditLists, entry],
    version: org.version + 1,
  };
  const writes: WriteOp[] = [
    { op: "putOrganization", organization: updated, expectVersion: org.version },
    {
      op: "appendEvent",
      subject: organizationSubject(uscc),
      event: {
        at: now.toISOString(),
        actor: decidedBy,
        action: `credit_listed:${list}`,
        note: `${ground}: ${LEGAL_GROUNDS[ground as AbnormalGround | SeriousGround] ?? ""}`,
      },
    },
  ];
  if (list === "abnormal" && !current.some((e) => e.list === "abnormal")) {
    const reviewOn = seriousListDueOn(updated.creditLists);
    if (reviewOn) {
      const review: DeadlineRecord = {
        subject: organizationSubject(uscc),
        kind: "credit_review",
        ref: today,
        dueDate: addDays(reviewOn, -1),
        status: "open",
        jurisdiction: org.jurisdiction,
        orgName: org.name,
        uscc,
        organizationContact: org.contact,
        onExpiry: { creditList: { list: "serious", ground: "abnormal_list_two_years" } },
        nextFireAt: startOfShanghaiDay(reviewOn).toISOString(),
        version: 1,
      };
      writes.push({ op: "putDeadline", deadline: review, expectVersion: "absent" });
    }
  }
  const settings = settingsFor(org.jurisdiction);
  const messages = composeMessages({
    kind: "credit_listed",
    ref: `${uscc}|${list}|${ground}|${today}`,
    to: org.contact,
    vars: {
      orgName: org.name,
      list: LIST_NAMES[list],
      ground: LEGAL_GROUNDS[ground as AbnormalGround | SeriousGround] ?? ground,
      since: today,
      link: `${settings.reminders.portalUrl.replace(/\/$/, "")}/organizations/${uscc}`,
    },
    locale: settings.reminders.locale,
    jurisdiction: org.jurisdiction,
    now,
  });
  writes.push(...messages.map((message): WriteOp => ({ op: "putOutbox", message, expectVersion: "absent" })));
  return {
    writes,
    messageIds: messages.map((m) => m.id),
    afterCommit: async () => {
      if (ground === "annual_report_not_submitted" && missedYear !== undefined) {
        await considerRevocation(deps, updated, missedYear, now);
      }
    },
  };
}

/** Commits a listing on its own (a workflow step rather than the sweep). */
export async function enterCreditList(
  deps: Deps,
  input: { uscc: string; list: "abnormal" | "serious"; ground: string; decidedBy: string },
): Promise<{ listed: boolean }> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const now = deps.clock.now();
    const listing = await creditListing(deps, input.uscc, input.list, input.ground, input.decidedBy, now);
    if (!listing) return { listed: false };
    try {
      await deps.store.transact(listing.writes);
    } catch (error) {
      if (error instanceof ConflictError) continue;
      throw error;
    }
    await deps.notifier.enqueue(listing.messageIds);
    await listing.afterCommit();
    return { listed: true };
  }
  throw new Error(`could not list ${input.uscc}`);
}

/**
 * 连续两年未参加年检: a ground to consider revocation, which only an officer decides. Two consecutive seasons
 * whose annual-report deadlines were missed open the review case, once per organization and year (its id
 * is derived from both).
 */
async function considerRevocation(
  deps: Deps,
  org: OrganizationRecord,
  year: number,
  now: Date,
): Promise<void> {
  const previous = await deps.store.getDeadline({
    subject: organizationSubject(org.uscc),
    kind: "annual_report",
    ref: String(year - 1),
  });
  const missedYears = previous?.status === "missed" ? [year - 1, year] : [year];
  const { due, years } = revocationConsiderationDue(
    org.annualInspections.filter((i) => i.outcome !== "pending"),
    missedYears,
    year,
    missedYears,
  );
  if (!due) return;
  const caseId = `REV${org.uscc}${year}`;
  const at = now.toISOString();
  const record: CaseRecord = {
    caseId,
    kind: "revocation_review",
    status: "under_review",
    jurisdiction: org.jurisdiction,
    applicantSub: "system",
    uscc: org.uscc,
    application: {
      uscc: org.uscc,
      name: org.name,
      contact: org.contact,
      ground: "two_consecutive_years_without_inspection",
      years,
    },
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
  try {
    await deps.store.transact([
      { op: "putCase", record, expectVersion: "absent" },
      {
        op: "appendEvent",
        subject: caseSubject(caseId),
        event: {
          at,
          actor: "system",
          action: "opened",
          note: `no annual inspection for ${years.join(" and ")}`,
        },
      },
      pendingStart(caseId, "revocationReview", { caseId }, now),
    ]);
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
  }
  await startPending(deps, { caseId, workflow: "revocationReview", input: { caseId } });
}

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
  if (principal.role === "org") throw forbidden("the registration authority decides removals");
  for (let attempt = 0; attempt < 3; attempt++) {
    const org = await deps.store.getOrganization(uscc);
    if (!org || (principal.role === "regulator" && principal.jurisdiction !== org.jurisdiction)) {
      throw notFound("organization");
    }
    const now = deps.clock.now();
    const today = shanghaiDate(now);
    const index = org.creditLists.findIndex(
      (e) => e.list === request.list && e.ground === request.ground && e.since === request.since && !e.until,
    );
    const entry = org.creditLists[index];
    if (!entry) throw notFound("credit-list entry");
    let until: string;
    try {
      if (request.list === "abnormal") {
        until = abnormalListExitDate(entry, request.remedyVerifiedOn).date;
      } else {
        const eligible = seriousListExitEligibleOn(entry);
        if (eligible > today)
          throw unprocessable(
            "not_yet_eligible",
            `removal from the serious list is possible from ${eligible}`,
          );
        if (entry.ground === "abnormal_list_two_years" && !request.remedyVerifiedOn) {
          throw invalid([
            { field: "remedyVerifiedOn", code: "required", message: "what was missing must have been done" },
          ]);
        }
        until = today;
      }
    } catch (error) {
      if (error instanceof RangeError) {
        throw invalid([{ field: "remedyVerifiedOn", code: "required", message: error.message }]);
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
      const reviews = (await deps.store.listDeadlines(organizationSubject(uscc))).filter(
        (d) => d.kind === "credit_review" && (d.status === "open" || d.status === "extended"),
      );
      writes.push(...reviews.map((d) => settleDeadline(d, "waived")));
    }
    try {
      await deps.store.transact(writes);
    } catch (error) {
      if (error instanceof ConflictError) continue;
      throw error;
    }
    return { uscc, list: request.list, ground: request.ground, since: request.since, until };
  }
  throw conflict("organization_changed", "the organization changed meanwhile; try again");
}
