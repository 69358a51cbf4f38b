import type { WorkflowName } from "../../workflows/index.js";
import { actorOf, type Principal } from "../domain/access/policy.js";
import { shanghaiDate } from "../domain/calendar/index.js";
import {
  actorLabel,
  type CaseRecord,
  caseSubject,
  type DeadlineRecord,
  organizationSubject,
} from "../domain/cases/records.js";
import { createDeadline } from "../domain/deadlines/index.js";
import { newId } from "../domain/ids.js";
import {
  assessMajorEventReport,
  type MajorEventApplication,
  type MajorEventReport,
  type ReportTiming,
} from "../domain/major-events/index.js";
import { filedBy } from "../domain/organizations/records.js";
import { composeMessages } from "../notify/compose.js";
import type { WriteOp } from "../ports/store.js";
import { settingsFor } from "../settings/index.js";
import { caseOpening, outboxWrites } from "./support/case-change.js";
import { MAJOR_EVENT_WORKFLOW } from "./support/case-workflow.js";
import type { Deps } from "./support/deps.js";
import { createOnce, type IdempotencyRequest } from "./support/idempotency.js";
import { filingOrganization } from "./support/org-filing.js";
import { pendingStart, startPending } from "./support/start-workflow.js";

export interface ReportedMajorEvent {
  caseId: string;
  timing: ReportTiming;
  reportBy: string;
  responseDueDate?: string;
  summaryDueDate?: string;
}

/**
 * 重大事项报告: the event is filed by the jurisdiction's catalogue. A late report is accepted and marked
 * late (on the case, on the organization's timeline for the risk rules); a reviewed or followed-up event
 * gives the bureau an event_response deadline, an event reported in advance gives the organization an
 * event_summary deadline.
 */
export async function reportMajorEvent(
  deps: Deps,
  principal: Principal,
  uscc: string,
  report: MajorEventReport,
  idem?: IdempotencyRequest,
) {
  const org = await filingOrganization(deps, principal, uscc, "major events");
  const settings = settingsFor(org.jurisdiction);
  let workflow: WorkflowName = "majorEventFiling";
  let messageIds: string[] = [];
  const result = await createOnce<ReportedMajorEvent>(deps, idem, async () => {
    const now = deps.clock.now();
    const at = now.toISOString();
    const reportedOn = shanghaiDate(now);
    const assessed = assessMajorEventReport(
      report.eventType,
      settings.majorEvents,
      report.eventDate,
      reportedOn,
    );
    workflow = MAJOR_EVENT_WORKFLOW[assessed.rule.handling];
    const caseId = newId("EVT", now);
    const application: MajorEventApplication = {
      ...filedBy(org),
      ...report,
      reportedOn,
      timing: assessed.timing,
      reportBy: assessed.reportBy,
      rule: assessed.rule,
    };
    const record: CaseRecord<MajorEventApplication> = {
      caseId,
      kind: "major_event",
      // A file-only event is filed by its workflow at once; the others wait on the bureau.
      status: "under_review",
      jurisdiction: org.jurisdiction,
      applicantSub: principal.sub,
      uscc,
      application,
      version: 1,
      createdAt: at,
      updatedAt: at,
    };
    const base = {
      subject: caseSubject(caseId),
      ref: caseId,
      jurisdiction: org.jurisdiction,
      orgName: org.name,
      uscc,
      caseId,
      organizationContact: org.contact,
      vars: { eventName: report.title },
    };
    const deadlines: DeadlineRecord[] = [];
    if (assessed.response) {
      deadlines.push(
        createDeadline({
          ...base,
          kind: "event_response",
          dueDate: assessed.response.date,
          calendarPublished: assessed.response.calendarPublished,
        }),
      );
    }
    if (assessed.summary) {
      deadlines.push(
        createDeadline({
          ...base,
          kind: "event_summary",
          dueDate: assessed.summary.date,
          calendarPublished: assessed.summary.calendarPublished,
        }),
      );
    }
    const late = assessed.timing === "late";
    const note = `${report.eventType} on ${report.eventDate}; due by ${assessed.reportBy}${late ? "; reported late" : ""}`;
    const actor = actorLabel(actorOf(principal));
    const messages = composeMessages({
      kind: "major_event_received",
      ref: caseId,
      to: org.contact,
      vars: { orgName: org.name, eventName: report.title, caseId },
      jurisdiction: org.jurisdiction,
      now,
    });
    messageIds = messages.map((m) => m.id);
    const ops: WriteOp[] = [
      ...caseOpening(record, { actor, action: "reported", note }),
      {
        op: "appendEvent",
        subject: organizationSubject(uscc),
        // 逾期报告 is a fact the risk rules count.
        event: {
          at,
          actor,
          action: late ? "major_event_reported_late" : "major_event_reported",
          note: caseId,
        },
      },
      ...deadlines.map((deadline): WriteOp => ({ op: "putDeadline", deadline, expectVersion: "absent" })),
      pendingStart(caseId, workflow, { caseId }, now),
      ...outboxWrites(messages),
    ];
    if (late) {
      ops.push({
        op: "appendEvent",
        subject: caseSubject(caseId),
        event: { at, actor: "system", action: "marked_late", note: `due by ${assessed.reportBy}` },
      });
    }
    return {
      body: {
        caseId,
        timing: assessed.timing,
        reportBy: assessed.reportBy,
        ...(assessed.response ? { responseDueDate: assessed.response.date } : {}),
        ...(assessed.summary ? { summaryDueDate: assessed.summary.date } : {}),
      },
      ops,
    };
  });
  if (result.fresh) {
    await startPending(deps, { caseId: result.body.caseId, workflow, input: { caseId: result.body.caseId } });
    await deps.notifier.enqueue(messageIds);
  }
  return { status: result.status, body: result.body };
}
