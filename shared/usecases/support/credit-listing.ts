import { addDays, shanghaiDate } from "../../domain/calendar/index.js";
import { type CaseRecord, organizationSubject } from "../../domain/cases/records.js";
import {
  type AbnormalGround,
  abnormalListEntry,
  LEGAL_GROUNDS,
  revocationConsiderationDue,
  type SeriousGround,
  seriousListDueOn,
  seriousListEntry,
} from "../../domain/credit/index.js";
import { listingEnters, startsAbnormalSpell } from "../../domain/credit/lists.js";
import { createDeadline } from "../../domain/deadlines/index.js";
import type { OrganizationRecord } from "../../domain/organizations/records.js";
import { composeMessages } from "../../notify/compose.js";
import { ConflictError, type WriteOp } from "../../ports/store.js";
import { settingsFor } from "../../settings/index.js";
import { caseOpening, outboxWrites } from "./case-change.js";
import { newDeadlineWrite, settledWrites } from "./deadline-writes.js";
import type { Deps } from "./deps.js";
import { retryOnConflict } from "./retry.js";
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
  const today = shanghaiDate(now);
  if (!org || !listingEnters(org, list, ground, today)) return undefined;
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
  if (startsAbnormalSpell(org.creditLists, list, today)) {
    const reviewOn = seriousListDueOn(updated.creditLists);
    if (reviewOn) {
      // Its expiry, the start of `reviewOn`, moves the organization to the serious list (domain/deadlines/expiry.ts).
      const review = createDeadline({
        subject: organizationSubject(uscc),
        kind: "credit_review",
        ref: today,
        dueDate: addDays(reviewOn, -1),
        jurisdiction: org.jurisdiction,
        orgName: org.name,
        uscc,
        organizationContact: org.contact,
      });
      writes.push(newDeadlineWrite(review));
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
  writes.push(...outboxWrites(messages));
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

/** With no abnormal listing left, the two-year review towards the serious list is waived. */
export async function creditReviewWaivers(deps: Deps, uscc: string): Promise<WriteOp[]> {
  const deadlines = await deps.store.listDeadlines(organizationSubject(uscc));
  return deadlines.filter((d) => d.kind === "credit_review").flatMap((d) => settledWrites(d, "waived"));
}

/** Commits a listing on its own (a workflow step rather than the sweep). */
export async function enterCreditList(
  deps: Deps,
  input: { uscc: string; list: "abnormal" | "serious"; ground: string; decidedBy: string },
): Promise<{ listed: boolean }> {
  return retryOnConflict(async () => {
    const now = deps.clock.now();
    const listing = await creditListing(deps, input.uscc, input.list, input.ground, input.decidedBy, now);
    if (!listing) return { listed: false };
    await deps.store.transact(listing.writes);
    await deps.notifier.enqueue(listing.messageIds);
    await listing.afterCommit();
    return { listed: true };
  });
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
      ...caseOpening(record, {
        actor: "system",
        action: "opened",
        note: `no annual inspection for ${years.join(" and ")}`,
      }),
      pendingStart(caseId, "revocationReview", { caseId }, now),
    ]);
  } catch (error) {
    // The case's id is the organization's and the year's: an earlier run opened it, and its start is checked below.
    if (!(error instanceof ConflictError)) throw error;
  }
  await startPending(deps, { caseId, workflow: "revocationReview", input: { caseId } });
}
