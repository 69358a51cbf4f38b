import { publicNoticeEnds } from "../../domain/assessment/index.js";
import { addDays, shanghaiDate, statutoryPeriodEnd } from "../../domain/calendar/index.js";
import { decisionDueDate } from "../../domain/cases/decision-clock.js";
import { type CaseStatus, caseSubject, type DeadlineRecord } from "../../domain/cases/records.js";
import { createDeadline } from "../../domain/deadlines/index.js";
import { composeMessages } from "../../notify/compose.js";
import { settingsFor } from "../../settings/index.js";
import type { OpenTaskInput, StepPlan } from "../open-task.js";
import type { AssessmentCase } from "./assessment.js";
import { outboxWrites } from "./case-change.js";

const REVIEW_STAGES: Record<string, CaseStatus> = {
  assessment_preliminary_review: "under_review",
  assessment_scoring: "scoring",
  assessment_committee: "committee_review",
  assessment_review: "re_review",
};

/** What opening each waiting step of an assessment writes: its due date, and for 补正 and 公示 their deadlines. */
export function assessmentStepPlan(
  record: AssessmentCase,
  input: OpenTaskInput,
  taskId: string,
  now: Date,
): StepPlan | undefined {
  const today = shanghaiDate(now);
  const settings = settingsFor(record.jurisdiction).assessment;
  const app = record.application;
  const reviewStatus = REVIEW_STAGES[input.step];
  if (reviewStatus) {
    return {
      dueDate: decisionDueDate(today, settings.stageWorkingDays).date,
      caseStatus: reviewStatus,
      writes: [],
      messageIds: [],
    };
  }
  // A period the case waits on; its expiry answers the waiting task (domain/deadlines/expiry.ts).
  const deadline = (kind: DeadlineRecord["kind"], due: { date: string; calendarPublished: boolean }) =>
    createDeadline({
      subject: caseSubject(record.caseId),
      kind,
      ref: kind === "public_notice" ? record.caseId : taskId,
      dueDate: due.date,
      calendarPublished: due.calendarPublished,
      taskId,
      jurisdiction: record.jurisdiction,
      orgName: app.name,
      uscc: app.uscc,
      caseId: record.caseId,
      organizationContact: app.contact,
    });
  const locale = settingsFor(record.jurisdiction).reminders.locale;
  if (input.step === "assessment_supplement") {
    const due = statutoryPeriodEnd(addDays(today, settings.supplementPeriodDays));
    const messages = composeMessages({
      kind: "assessment_supplement_requested",
      ref: taskId,
      to: app.contact,
      vars: { orgName: app.name, caseId: record.caseId, dueDate: due.date, reason: input.reason ?? "" },
      locale,
      jurisdiction: record.jurisdiction,
      now,
    });
    return {
      dueDate: due.date,
      caseStatus: "awaiting_supplement",
      note: `supplement due ${due.date}`,
      writes: [
        { op: "putDeadline", deadline: deadline("supplement", due), expectVersion: "absent" },
        ...outboxWrites(messages),
      ],
      messageIds: messages.map((m) => m.id),
    };
  }
  if (input.step === "public_notice") {
    const ends = publicNoticeEnds(today, settings.publicNoticeWorkingDays);
    const messages = composeMessages({
      kind: "assessment_notice_started",
      ref: record.caseId,
      to: app.contact,
      vars: {
        orgName: app.name,
        caseId: record.caseId,
        grade: app.proposal?.grade ?? "",
        total: String(app.proposal?.total ?? ""),
        dueDate: ends.date,
      },
      locale,
      jurisdiction: record.jurisdiction,
      now,
    });
    return {
      dueDate: ends.date,
      caseStatus: "public_notice",
      note: `on public notice until ${ends.date}`,
      writes: [
        { op: "putDeadline", deadline: deadline("public_notice", ends), expectVersion: "absent" },
        ...outboxWrites(messages),
      ],
      messageIds: messages.map((m) => m.id),
    };
  }
  return undefined;
}
