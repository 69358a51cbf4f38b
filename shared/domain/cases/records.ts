import type { DueCount } from "../calendar/index.js";
import { newId } from "../ids.js";

/** The records every workflow shares: cases, their timeline, tasks on a queue, deadlines. */

export type CaseKind =
  | "registration"
  | "annual_inspection"
  | "revocation_review"
  | "assessment"
  | "major_event"
  | "change"
  | "deregistration";

export type CaseStatus =
  | "under_review"
  | "awaiting_supplement"
  | "approved"
  | "rejected"
  | "withdrawn"
  | "supervisory_review"
  | "inspected"
  | "rectifying"
  | "rectified"
  | "rectification_missed"
  | "returned"
  | "kept"
  | "revoked"
  | "scoring"
  | "committee_review"
  | "public_notice"
  | "re_review"
  | "graded"
  | "not_graded"
  | "stalled"
  // 重大事项报告: filed at once, or answered by the bureau.
  | "filed"
  | "acknowledged"
  | "no_objection"
  | "objected";

export const CLOSED_CASE_STATUSES: readonly CaseStatus[] = [
  "approved",
  "rejected",
  "withdrawn",
  "inspected",
  "rectified",
  "rectification_missed",
  "returned",
  "kept",
  "revoked",
  "graded",
  "not_graded",
  "filed",
  "acknowledged",
  "no_objection",
  "objected",
];

/** The review queues of a bureau, and the applicant's own (tasks that wait on the organization). */
export type Queue =
  | "registration"
  | "annual_inspection"
  | "supervisory_review"
  | "assessment"
  | "assessment_panel"
  | "assessment_committee"
  | "assessment_review"
  /** 公示: waits on its deadline or an objection, never on a decision. */
  | "public_notice"
  | "major_event"
  | "change"
  | "deregistration"
  | "applicant";

/** `withdrawn`: its case ended with the organization (注销, 撤销), and no one answers it any more. */
export type TaskStatus = "open" | "decided" | "expired" | "withdrawn";

export interface Actor {
  kind: "org" | "regulator" | "supervisory_unit" | "admin" | "system";
  sub: string;
}

export const SYSTEM: Actor = { kind: "system", sub: "system" };

export const actorLabel = (actor: Actor): string =>
  actor.kind === "system" ? "system" : `${actor.kind}:${actor.sub}`;

/** What a timeline or a deadline is about: a case, or an organization by its USCC. */
export type Subject =
  | { kind: "case"; caseId: string }
  | { kind: "organization"; uscc: string }
  /** A person as an identity provider knows them: the audit subject of the grants they hold. */
  | { kind: "identity"; issuer: string; sub: string };

export const caseSubject = (caseId: string): Subject => ({ kind: "case", caseId });
export const organizationSubject = (uscc: string): Subject => ({ kind: "organization", uscc });
export const identitySubject = (who: { issuer: string; sub: string }): Subject => ({
  kind: "identity",
  issuer: who.issuer,
  sub: who.sub,
});

/** A subject as stable text, for identifiers that must name it (a deadline's id, a message's reference). */
export function subjectRef(s: Subject): string {
  switch (s.kind) {
    case "case":
      return `case:${s.caseId}`;
    case "organization":
      return `organization:${s.uscc}`;
    case "identity":
      return `identity:${s.sub}@${s.issuer}`;
  }
}

export function parseSubjectRef(text: string): Subject | undefined {
  const [kind, id] = [text.slice(0, text.indexOf(":")), text.slice(text.indexOf(":") + 1)];
  if (!id) return undefined;
  if (kind === "case") return caseSubject(id);
  if (kind === "organization") return organizationSubject(id);
  return undefined;
}

export interface TimelineEvent {
  at: string;
  actor: string;
  action: string;
  note?: string;
}

export interface CurrentTask {
  step: string;
  taskId: string;
}

export interface CaseRecord<Application = unknown> {
  caseId: string;
  kind: CaseKind;
  status: CaseStatus;
  jurisdiction: string;
  /** The applicant reads the case by its sub until a USCC exists, and through the USCC after. */
  applicantSub: string;
  /** The provider that knows the applicant, so approval can make them the organization's first member. */
  applicantIssuer?: string;
  uscc?: string;
  /** The business supervisory unit (业务主管单位) that pre-reviews or consents to this case before the bureau. */
  supervisoryUnit?: string;
  application: Application;
  /** The one waiting step of the case's workflow, so a retried or resumed step finds its task again. */
  currentTask?: CurrentTask;
  /**
   * The workflow a new case waits to start, kept with the case until the workflow's first step changes
   * it; the sweep starts it at `retryAt` should the start after the commit not have gone through.
   */
  pendingStart?: { workflow: string; input: Record<string, unknown>; retryAt: string };
  /**
   * A task of this case closed while its workflow waited on it: the sweep sends its answer again at
   * `retryAt` should it have been lost, until the next change to the case (the workflow moved on).
   */
  pendingAnswer?: { taskId: string; retryAt: string };
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface TaskRecord {
  taskId: string;
  caseId: string;
  step: string;
  queue: Queue;
  jurisdiction: string;
  /** On the supervisory unit's queue: the unit whose reviewer works it, not the jurisdiction's regulators. */
  supervisoryUnit?: string;
  status: TaskStatus;
  dueDate: string;
  token: string;
  claimedBy?: string;
  outcome?: string;
  reason?: string;
  decidedBy?: string;
  decidedAt?: string;
  openedAt: string;
  version: number;
}

/** A task kept with its case has an id that names the case, so a task id alone finds the task in one read. */
export const caseTaskId = (caseId: string, now: Date): string => `${newId("T", now)}-${caseId}`;

/** The case that keeps a task, from the task's id; undefined for a task with a record of its own. */
export function keepingCaseOf(taskId: string): string | undefined {
  const at = taskId.indexOf("-");
  return at > 0 ? taskId.slice(at + 1) : undefined;
}

export type DeadlineKind =
  | "credit_review"
  | "decision_limit"
  | "supplement"
  | "rectification"
  | "annual_report"
  | "public_notice"
  | "grade_expiry"
  | "term_end"
  | "event_response"
  | "event_summary";

export type DeadlineStatus = "open" | "met" | "missed" | "waived" | "extended" | "paused";

export interface Contact {
  email?: string;
  phone?: string;
}

export interface DeadlineRecord {
  /** What the deadline is about (a case, an organization). */
  subject: Subject;
  kind: DeadlineKind;
  ref: string;
  dueDate: string;
  status: DeadlineStatus;
  jurisdiction?: string;
  /** What the reminders name and where they go, kept on the deadline so the sweep reads nothing else. */
  orgName?: string;
  uscc?: string;
  caseId?: string;
  organizationContact?: Contact;
  /** Variables particular to the kind (year, grade, eventName) for its messages. */
  vars?: Record<string, string>;
  /** Ladder steps already fired or skipped as stale in the current generation ("before_7", "due" …). */
  fired?: string[];
  /** 1 when created; each extension or restart begins the next, whose reminders are new messages. */
  generation?: number;
  /** Why a waived deadline no longer runs (the organization was deregistered, or revoked). */
  waivedBecause?: string;
  /** The due date before the last extension. */
  extendedFrom?: string;
  /** The instant the sweep found it missed, so what the miss caused can be traced back to it. */
  missedAt?: string;
  /** The day what it asked for was done, when that was after the deadline had been missed. */
  satisfiedOn?: string;
  /** The waiting task the period guards; its expiry answers the task (see domain/deadlines/expiry.ts). */
  taskId?: string;
  /** The next instant the sweep should look at it; absent when nothing more is to be done. */
  nextFireAt?: string;
  /** False while the due date was counted through a year whose official calendar is not yet known. */
  calendarPublished?: boolean;
  /** How the due date was counted, so it is counted again when that year's calendar is loaded. */
  dueCount?: DueCount;
  version: number;
}

/** What names a deadline: its subject, its kind and its reference (a case id, a report year, a date). */
export type DeadlineRef = Pick<DeadlineRecord, "subject" | "kind" | "ref">;
