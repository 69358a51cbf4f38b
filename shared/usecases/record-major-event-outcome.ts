import {
  type CaseRecord,
  type CaseStatus,
  CLOSED_CASE_STATUSES,
  caseSubject,
  organizationSubject,
  SYSTEM,
} from "../domain/cases/records.js";
import { createDeadline } from "../domain/deadlines/index.js";
import { newTerm } from "../domain/leadership/index.js";
import {
  MAJOR_EVENT_OUTCOME_NAMES,
  MAJOR_EVENT_STATUS,
  type MajorEventApplication,
  type MajorEventOutcome,
} from "../domain/major-events/index.js";
import type { OrganizationRecord } from "../domain/organizations/records.js";
import { changedFields } from "../domain/registration/index.js";
import { composeMessages } from "../notify/compose.js";
import type { OutboxNotification } from "../notify/message.js";
import type { WriteOp } from "../ports/store.js";
import { settingsFor } from "../settings/index.js";
import { caseChange, outboxWrites } from "./support/case-change.js";
import { settledWrites } from "./support/deadline-writes.js";
import type { Deps } from "./support/deps.js";
import { caseLink } from "./support/portal-link.js";
import { retryOnConflict } from "./support/retry.js";

/**
 * 换届: an approved congress election starts a new term on its date and replaces the leaders; the old
 * term's term_end deadline is met and the new one's is set. Returns the writes and whether the election
 * changed the legal representative, which then needs a change registration.
 */
function electionWrites(
  org: OrganizationRecord,
  app: MajorEventApplication,
): { writes: WriteOp[]; changesLegalRepresentative: boolean; organization: OrganizationRecord } | undefined {
  if (app.eventType !== "congress_election" || !app.election) return undefined;
  const years = app.election.termYears ?? settingsFor(org.jurisdiction).termYears;
  const term = newTerm(app.eventDate, years);
  const organization: OrganizationRecord = {
    ...org,
    term,
    leaders: app.election.leaders,
    version: org.version + 1,
  };
  const termEnd = createDeadline({
    subject: organizationSubject(org.uscc),
    kind: "term_end",
    ref: term.end,
    dueDate: term.end,
    jurisdiction: org.jurisdiction,
    orgName: org.name,
    uscc: org.uscc,
    organizationContact: org.contact,
  });
  const writes: WriteOp[] = [
    { op: "putOrganization", organization, expectVersion: org.version },
    { op: "putDeadline", deadline: termEnd, expectVersion: "absent" },
  ];
  const rep = app.election.legalRepresentative;
  return {
    writes,
    organization,
    changesLegalRepresentative:
      rep !== undefined && changedFields(org, { legalRepresentative: rep }).length > 0,
  };
}

/** The bureau's answer to a major event (or its filing at once): the case closes, its deadlines settle. */
export async function recordMajorEventOutcome(
  deps: Deps,
  input: { caseId: string; outcome: MajorEventOutcome; reason?: string },
): Promise<{ status: CaseStatus; changeRegistration: boolean }> {
  return retryOnConflict(async () => {
    const record = (await deps.store.getCase(input.caseId)) as CaseRecord<MajorEventApplication> | undefined;
    if (!record) throw new Error(`case ${input.caseId} not found`);
    const status = MAJOR_EVENT_STATUS[input.outcome];
    if (
      record.status === status ||
      (CLOSED_CASE_STATUSES.includes(record.status) && input.outcome !== "filed")
    ) {
      return { status: record.status, changeRegistration: false };
    }
    const app = record.application;
    const now = deps.clock.now();
    const at = now.toISOString();
    const deadlines = await deps.store.listDeadlines(caseSubject(record.caseId));
    const settle: WriteOp[] = [];
    for (const d of deadlines) {
      if (d.status !== "open" && d.status !== "extended") continue;
      if (d.kind === "event_response") settle.push(...settledWrites(d, "met"));
      // An event the bureau objects to is not to go ahead: no summary of it is due.
      if (d.kind === "event_summary" && input.outcome === "object")
        settle.push(...settledWrites(d, "waived"));
    }
    const org = await deps.store.getOrganization(app.uscc);
    const election = org && input.outcome !== "object" ? electionWrites(org, app) : undefined;
    const oldTermEnd =
      org?.term && election
        ? await deps.store.getDeadline({
            subject: organizationSubject(org.uscc),
            kind: "term_end",
            ref: org.term.end,
          })
        : undefined;
    if (oldTermEnd && election && (oldTermEnd.status === "open" || oldTermEnd.status === "extended")) {
      settle.push(...settledWrites(oldTermEnd, "met"));
    }
    const link = caseLink(record.jurisdiction, record.caseId);
    const messages: OutboxNotification[] =
      input.outcome === "filed"
        ? []
        : composeMessages({
            kind: "major_event_answered",
            ref: `${record.caseId}:${input.outcome}`,
            to: app.contact,
            vars: {
              orgName: app.name,
              eventName: app.title,
              outcome: MAJOR_EVENT_OUTCOME_NAMES[input.outcome],
              reason: input.reason ?? "",
              link,
            },
            jurisdiction: record.jurisdiction,
            now,
          });
    const orgEvents: WriteOp[] = [];
    if (election?.changesLegalRepresentative) {
      messages.push(
        ...composeMessages({
          kind: "change_registration_required",
          ref: record.caseId,
          to: app.contact,
          vars: {
            orgName: app.name,
            eventName: app.title,
            filingDays: String(settingsFor(record.jurisdiction).change.filingDays),
            link,
          },
          jurisdiction: record.jurisdiction,
          now,
        }),
      );
    }
    if (election) {
      const leaders = election.organization.leaders?.map((l) => `${l.post} ${l.name}`).join(", ") ?? "";
      orgEvents.push({
        op: "appendEvent",
        subject: organizationSubject(app.uscc),
        event: {
          at,
          actor: "system",
          action: election.changesLegalRepresentative
            ? "term_started:change_registration_required"
            : "term_started",
          note: `${election.organization.term?.start} – ${election.organization.term?.end}: ${leaders}`,
        },
      });
    }
    await deps.store.transact(
      caseChange(record, { status }, { actor: SYSTEM, action: status, note: input.reason, at: now }, [
        ...settle,
        ...(election?.writes ?? []),
        ...orgEvents,
        ...outboxWrites(messages),
      ]),
    );
    await deps.notifier.enqueue(messages.map((m) => m.id));
    return { status, changeRegistration: election?.changesLegalRepresentative ?? false };
  });
}
