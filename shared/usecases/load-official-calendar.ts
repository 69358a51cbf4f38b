import { actorOf, type Principal } from "../domain/access/policy.js";
import {
  type CalendarNoticeRecord,
  countDue,
  holidayNoticeProblems,
  type OfficialCalendar,
} from "../domain/calendar/index.js";
import { actorLabel, type DeadlineRecord, subjectRef } from "../domain/cases/records.js";
import { redateDeadline } from "../domain/deadlines/index.js";
import { InvalidInput, NotPermitted } from "../domain/errors.js";
import { composeMessages } from "../notify/compose.js";
import { deadlineWhat } from "../notify/templates.js";
import { ConflictError, type WriteOp } from "../ports/store.js";
import { settingsFor } from "../settings/index.js";
import { outboxWrites } from "./support/case-change.js";
import { deadlineLink } from "./support/deadline-messages.js";
import { deadlineId, deadlineWrite } from "./support/deadline-writes.js";
import type { Deps } from "./support/deps.js";
import { calendarOf } from "./support/official-calendar.js";
import { retryOnConflict } from "./support/retry.js";
import { calendarView } from "./view-official-calendar.js";

export interface OfficialCalendarNotice {
  holidays: string[];
  workdays: string[];
  source: string;
}

/** A deadline the notice moved, as the answer lists it. */
export interface RedatedDeadline {
  deadlineId: string;
  kind: string;
  from: string;
  to: string;
}

/**
 * An admin loads a year's holiday notice (国务院办公厅关于部分节假日安排的通知) as soon as it appears.
 * Every open deadline whose date was counted through that year without its calendar is counted again;
 * one that moves goes on its subject's timeline, the people it concerns are told, and an open task
 * due on the old date follows it.
 */
export async function loadOfficialCalendar(
  deps: Deps,
  principal: Principal,
  year: number,
  request: OfficialCalendarNotice,
) {
  if (principal.role !== "admin") throw new NotPermitted("only an admin loads the official calendar");
  const notice = { holidays: [...new Set(request.holidays)], workdays: [...new Set(request.workdays)] };
  const problems = holidayNoticeProblems(year, notice);
  if (problems.length > 0) throw new InvalidInput(problems);

  const now = deps.clock.now();
  const loaded = await deps.store.listCalendarNotices();
  const before = calendarOf(loaded);
  const record: CalendarNoticeRecord = {
    year,
    ...notice,
    source: request.source,
    loadedAt: now.toISOString(),
    loadedBy: actorLabel(actorOf(principal)),
  };
  await deps.store.transact([{ op: "putCalendarNotice", notice: record }]);
  const after = calendarOf([...loaded.filter((n) => n.year !== year), record]);

  const redated: RedatedDeadline[] = [];
  const failed: string[] = [];
  let messageIds: string[] = [];
  for (const provisional of await deps.store.listProvisionalDeadlines()) {
    const id = deadlineId(provisional);
    try {
      const done = await redate(deps, provisional, { before, after, record, now });
      if (done?.moved) redated.push(done.moved);
      if (done) messageIds = messageIds.concat(done.messageIds);
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      // Reported, not swallowed: loading the notice again counts what is left once more.
      deps.log.error("a provisional deadline kept changing while it was counted again", { deadlineId: id });
      failed.push(id);
    }
  }
  if (messageIds.length > 0) await deps.notifier.enqueue(messageIds);
  return {
    status: 200 as const,
    body: { ...calendarView(after, year), source: record.source, redated, failed },
  };
}

interface Calendars {
  before: OfficialCalendar;
  after: OfficialCalendar;
  record: CalendarNoticeRecord;
  now: Date;
}

/** Counts one provisional deadline again, re-reading it on a conflict; undefined when it needed nothing. */
async function redate(
  deps: Deps,
  first: DeadlineRecord,
  calendars: Calendars,
): Promise<{ moved?: RedatedDeadline; messageIds: string[] } | undefined> {
  let d: DeadlineRecord | undefined = first;
  let reread = false;
  return retryOnConflict(async () => {
    if (reread && d) d = await deps.store.getDeadline(d);
    reread = true;
    if (!d) return undefined;
    const plan = await redatePlan(deps, d, calendars);
    if (plan) await deps.store.transact(plan.ops);
    return plan;
  });
}

async function redatePlan(
  deps: Deps,
  d: DeadlineRecord,
  { before, after, record, now }: Calendars,
): Promise<{ ops: WriteOp[]; moved?: RedatedDeadline; messageIds: string[] } | undefined> {
  const clear: WriteOp = { op: "clearProvisionalDate", deadline: d };
  // Only a date the count gave without this calendar is counted again: an extension set its own date.
  const counted = d.dueCount && countDue(d.dueCount, before).date === d.dueDate;
  if (d.status !== "open" || d.calendarPublished !== false || !d.dueCount || !counted) {
    return { ops: [clear], messageIds: [] };
  }
  const due = countDue(d.dueCount, after);
  if (due.date === d.dueDate && !due.calendarPublished) return undefined;
  const ops: WriteOp[] = [deadlineWrite(redateDeadline(d, due), d)];
  if (due.calendarPublished) ops.push(clear);
  if (due.date === d.dueDate) return { ops, messageIds: [] };

  const at = now.toISOString();
  ops.push({
    op: "appendEvent",
    subject: d.subject,
    event: {
      at,
      actor: record.loadedBy,
      action: "deadline_redated",
      note: `${d.kind} ${d.dueDate} → ${due.date}: official calendar ${record.year} (${record.source})`,
    },
  });
  ops.push(...(await followingTask(deps, d, due.date)));
  const messages = redatedMessages(d, due.date, record, now);
  ops.push(...outboxWrites(messages));
  return {
    ops,
    moved: { deadlineId: deadlineId(d), kind: d.kind, from: d.dueDate, to: due.date },
    messageIds: messages.map((m) => m.id),
  };
}

/** The open task of the deadline's case that was due on the old date is due on the new one. */
async function followingTask(deps: Deps, d: DeadlineRecord, dueDate: string): Promise<WriteOp[]> {
  if (!d.caseId) return [];
  const current = (await deps.store.getCase(d.caseId))?.currentTask;
  const task = current ? await deps.store.getTask(current.taskId) : undefined;
  if (task?.status !== "open" || task.dueDate !== d.dueDate) return [];
  return [
    {
      op: "putTask",
      task: { ...task, dueDate, version: task.version + 1 },
      expect: { version: task.version, status: "open" },
    },
  ];
}

/** The organization the deadline concerns and the bureau's queue, on every channel each has. */
function redatedMessages(d: DeadlineRecord, to: string, record: CalendarNoticeRecord, now: Date) {
  const settings = settingsFor(d.jurisdiction ?? "");
  const locale = settings.reminders.locale;
  const wordingVars: Record<string, string> = {
    caseId: d.caseId ?? "",
    year: d.kind === "annual_report" ? d.ref : String(record.year),
    ...d.vars,
  };
  const vars = {
    orgName: d.orgName ?? "",
    what: deadlineWhat(d.kind, locale, wordingVars),
    from: d.dueDate,
    to,
    year: String(record.year),
    source: record.source,
    link: deadlineLink(d, settings),
  };
  const audiences = {
    organization: d.organizationContact ?? {},
    queue: settings.reminders.regulatorContacts.queue,
  };
  return Object.entries(audiences).flatMap(([audience, contact]) =>
    composeMessages({
      kind: "deadline_redated",
      ref: `${subjectRef(d.subject)}|${d.kind}|${d.ref}|redated|${to}|${audience}`,
      to: contact,
      vars,
      locale,
      ...(d.jurisdiction ? { jurisdiction: d.jurisdiction } : {}),
      now,
    }),
  );
}
