import { SUPERVISORY_QUEUE } from "../domain/access/policy.js";
import { addDays, shanghaiDate } from "../domain/calendar/index.js";
import { decisionDueDate, decisionLimitCount } from "../domain/cases/decision-clock.js";
import {
  actorLabel,
  type CaseRecord,
  caseSubject,
  caseTaskId,
  type DeadlineRecord,
  type Queue,
  SYSTEM,
  type TaskRecord,
} from "../domain/cases/records.js";
import { createDeadline, restartDeadline } from "../domain/deadlines/index.js";
import { newId } from "../domain/ids.js";
import { decisionLimitDays, type RegistrationApplication } from "../domain/registration/index.js";
import { composeMessages } from "../notify/compose.js";
import type { MessageKind } from "../notify/templates.js";
import type { WriteOp } from "../ports/store.js";
import { settingsFor } from "../settings/index.js";
import { isAssessment } from "./support/assessment.js";
import { assessmentStepPlan } from "./support/assessment-tasks.js";
import { caseChange, outboxWrites } from "./support/case-change.js";
import { deadlineWrite, newDeadlineWrite } from "./support/deadline-writes.js";
import type { Deps } from "./support/deps.js";
import { countedDue, officialCalendar } from "./support/official-calendar.js";
import { undoneMissWrites } from "./support/reopen.js";
import { deliverAnswer } from "./support/task-answer.js";

/** A supplement request names the application it is about (成立, 变更 or 注销登记). */
const SUPPLEMENT_MESSAGE: Partial<Record<CaseRecord["kind"], MessageKind>> = {
  change: "change_supplement_requested",
  deregistration: "deregistration_supplement_requested",
};

export interface OpenTaskInput {
  taskToken: string;
  caseId: string;
  step: string;
  queue: Queue;
  reason?: string;
}

/**
 * Records a waiting workflow step as a task, idempotently by (case, step): a retried or resumed step
 * finds its task again and takes the new token; a task already decided answers the new token at once.
 */
export async function openTask(deps: Deps, input: OpenTaskInput): Promise<{ taskId: string }> {
  const record = await deps.store.getCase(input.caseId);
  if (!record) throw new Error(`case ${input.caseId} not found`);
  if (record.currentTask?.step === input.step) {
    const task = await deps.store.getTask(record.currentTask.taskId);
    if (task) return takeToken(deps, task, input.taskToken);
  }
  const now = deps.clock.now();
  const unit = input.queue === SUPERVISORY_QUEUE ? await reviewingUnit(deps, record) : undefined;
  // The case keeps its task, but a unit's queue needs an index the case item already uses for its owner.
  const taskId = unit ? newId("T", now) : caseTaskId(record.caseId, now);
  const plan = await stepPlan(deps, record as CaseRecord<RegistrationApplication>, input, taskId, now);
  const task: TaskRecord = {
    taskId,
    caseId: record.caseId,
    step: input.step,
    queue: input.queue,
    jurisdiction: record.jurisdiction,
    ...(unit ? { supervisoryUnit: unit } : {}),
    status: "open",
    dueDate: plan.dueDate,
    token: input.taskToken,
    openedAt: now.toISOString(),
    version: 1,
  };
  await deps.store.transact(
    caseChange(
      record,
      { status: plan.caseStatus, currentTask: { step: input.step, taskId } },
      { actor: SYSTEM, action: `task_opened:${input.step}`, note: plan.note, at: now },
      [{ op: "putTask", task, expect: "absent" }, ...plan.writes],
    ),
  );
  await deps.notifier.enqueue(plan.messageIds);
  return { taskId };
}

/** The unit a supervisory task belongs to: the case's, or for a report filed before cases named it, the organization's. */
async function reviewingUnit(deps: Deps, record: CaseRecord): Promise<string> {
  const unit =
    record.supervisoryUnit ??
    (record.uscc ? (await deps.store.getOrganization(record.uscc))?.supervisoryUnit?.trim() : undefined);
  if (!unit) throw new Error(`case ${record.caseId} names no supervisory unit to review it`);
  return unit;
}

async function takeToken(deps: Deps, task: TaskRecord, token: string): Promise<{ taskId: string }> {
  if (task.status === "open") {
    await deps.store.transact([
      {
        op: "putTask",
        task: { ...task, token, version: task.version + 1 },
        expect: { version: task.version },
      },
    ]);
  } else {
    await deliverAnswer(deps, task, token);
  }
  return { taskId: task.taskId };
}

export interface StepPlan {
  dueDate: string;
  caseStatus: CaseRecord["status"];
  note?: string;
  writes: WriteOp[];
  messageIds: string[];
}

async function stepPlan(
  deps: Deps,
  record: CaseRecord<RegistrationApplication>,
  input: OpenTaskInput,
  taskId: string,
  now: Date,
): Promise<StepPlan> {
  const today = shanghaiDate(now);
  const settings = settingsFor(record.jurisdiction);
  const decisionLimit = () =>
    deps.store.getDeadline({
      subject: caseSubject(record.caseId),
      kind: "decision_limit",
      ref: record.caseId,
    });
  // 变更登记 and 注销登记 run on the registration clock with their own limits.
  const limitDays: Record<string, () => number> = {
    registration_review: () => decisionLimitDays(record.application.orgType, settings.registration),
    change_review: () => settings.change.decisionLimitWorkingDays[record.application.orgType],
    deregistration_review: () => settings.deregistration.decisionLimitWorkingDays[record.application.orgType],
  };
  // A period the applicant is given to answer this task; its expiry answers the task (expiry.ts).
  const periodFor = (
    kind: "supplement" | "rectification",
    ref: string,
    due: Pick<DeadlineRecord, "dueDate" | "calendarPublished" | "dueCount">,
    extra: { uscc?: string } = {},
  ) =>
    createDeadline({
      subject: caseSubject(record.caseId),
      kind,
      ref,
      ...due,
      taskId,
      jurisdiction: record.jurisdiction,
      orgName: record.application.name,
      caseId: record.caseId,
      organizationContact: record.application.contact,
      ...extra,
    });
  switch (input.step) {
    case "major_event_review":
    case "major_event_follow_up": {
      const response = await deps.store.getDeadline({
        subject: caseSubject(record.caseId),
        kind: "event_response",
        ref: record.caseId,
      });
      const due = response?.dueDate ?? decisionDueDate(today, settings.majorEvents.responseWorkingDays).date;
      return { dueDate: due, caseStatus: "under_review", writes: [], messageIds: [] };
    }
    case "change_review":
    case "deregistration_review":
    case "registration_review": {
      const limit = await decisionLimit();
      if (!limit) throw new Error(`case ${record.caseId} has no decision limit`);
      if (limit.status !== "paused")
        return { dueDate: limit.dueDate, caseStatus: "under_review", writes: [], messageIds: [] };
      // 补齐补正后重新计算: complete materials restart the decision limit in full.
      const restarted = countedDue(
        decisionLimitCount(today, (limitDays[input.step] as () => number)()),
        await officialCalendar(deps.store),
      );
      const reopened = restartDeadline(limit, {
        date: restarted.dueDate,
        calendarPublished: restarted.calendarPublished ?? true,
      });
      if (!reopened) throw new Error(`case ${record.caseId}: its decision limit is ${limit.status}`);
      return {
        dueDate: restarted.dueDate,
        caseStatus: "under_review",
        note: `decision limit restarts: due ${restarted.dueDate}`,
        writes: [
          deadlineWrite({ ...reopened.deadline, dueCount: restarted.dueCount }, limit),
          ...(await undoneMissWrites(deps, limit, reopened, actorLabel(SYSTEM), now)),
        ],
        messageIds: [],
      };
    }
    case "supplement": {
      const due = countedDue(
        { periodEndsOn: addDays(today, settings.registration.supplementPeriodDays) },
        await officialCalendar(deps.store),
      );
      const deadline = periodFor("supplement", taskId, due);
      const messages = composeMessages({
        kind: SUPPLEMENT_MESSAGE[record.kind] ?? "supplement_requested",
        ref: taskId,
        to: record.application.contact,
        vars: {
          orgName: record.application.name,
          caseId: record.caseId,
          dueDate: due.dueDate,
          reason: input.reason ?? "",
        },
        jurisdiction: record.jurisdiction,
        now,
      });
      return {
        dueDate: due.dueDate,
        caseStatus: "awaiting_supplement",
        note: `supplement due ${due.dueDate}`,
        writes: [newDeadlineWrite(deadline), ...outboxWrites(messages)],
        messageIds: messages.map((m) => m.id),
      };
    }
    case "change_consent":
    case "deregistration_consent": {
      // 经业务主管单位同意: the unit's own period; the bureau's decision limit waits, paused, until it consents.
      const days =
        input.step === "change_consent"
          ? settings.change.consentWorkingDays
          : settings.deregistration.consentWorkingDays;
      return {
        dueDate: decisionDueDate(today, days, await officialCalendar(deps.store)).date,
        caseStatus: "supervisory_review",
        writes: [],
        messageIds: [],
      };
    }
    case "supervisory_review":
    case "annual_inspection_review": {
      const due =
        (await decisionLimit())?.dueDate ??
        decisionDueDate(
          today,
          settings.annualInspection.reviewWorkingDays,
          await officialCalendar(deps.store),
        ).date;
      return {
        dueDate: due,
        caseStatus: input.step === "supervisory_review" ? "supervisory_review" : "under_review",
        writes: [],
        messageIds: [],
      };
    }
    case "rectification": {
      // One rectification period per case: a rejected rectification is filed again within the same period.
      const existing = await deps.store.getDeadline({
        subject: caseSubject(record.caseId),
        kind: "rectification",
        ref: record.caseId,
      });
      if (existing) {
        // The period stopped while the bureau reviewed the last one; it goes on to the same date.
        const resumed = restartDeadline(
          { ...existing, taskId },
          { date: existing.dueDate, calendarPublished: existing.calendarPublished ?? true },
        );
        return {
          dueDate: existing.dueDate,
          caseStatus: "rectifying",
          writes: resumed ? [deadlineWrite(resumed.deadline, existing)] : [],
          messageIds: [],
        };
      }
      const due = countedDue(
        { periodEndsOn: addDays(today, settings.annualInspection.rectificationDays) },
        await officialCalendar(deps.store),
      );
      const uscc = (record.application as unknown as { uscc?: string }).uscc;
      const deadline = periodFor("rectification", record.caseId, due, uscc ? { uscc } : {});
      return {
        dueDate: due.dueDate,
        caseStatus: "rectifying",
        note: `rectification due ${due.dueDate}`,
        writes: [newDeadlineWrite(deadline)],
        messageIds: [],
      };
    }
    case "rectification_review":
      return {
        dueDate: decisionDueDate(
          today,
          settings.annualInspection.reviewWorkingDays,
          await officialCalendar(deps.store),
        ).date,
        caseStatus: "rectifying",
        writes: [],
        messageIds: [],
      };
    case "revocation_consideration":
      return {
        dueDate: decisionDueDate(
          today,
          settings.annualInspection.reviewWorkingDays,
          await officialCalendar(deps.store),
        ).date,
        caseStatus: "under_review",
        writes: [],
        messageIds: [],
      };
    default: {
      const plan = isAssessment(record) ? assessmentStepPlan(record, input, taskId, now) : undefined;
      if (!plan) throw new Error(`no task plan for step ${input.step}`);
      return plan;
    }
  }
}
