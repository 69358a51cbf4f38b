/** The records every workflow shares: cases, their timeline, tasks on a queue, deadlines. */

export type CaseKind = "registration" | "annual_inspection" | "revocation_review";

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
  | "stalled";

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
];

/** The review queues of a bureau, and the applicant's own (tasks that wait on the organization). */
export type Queue =
  | "registration"
  | "annual_inspection"
  | "supervisory_review"
  | "assessment"
  | "major_event"
  | "applicant";

export type TaskStatus = "open" | "decided" | "expired";

export interface Actor {
  kind: "org" | "regulator" | "admin" | "system";
  sub: string;
}

export const SYSTEM: Actor = { kind: "system", sub: "system" };

export const actorLabel = (actor: Actor): string =>
  actor.kind === "system" ? "system" : `${actor.kind}:${actor.sub}`;

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
  /** Who may read the case as its applicant: `SUB#<sub>` before a USCC exists, the USCC after. */
  owner: string;
  applicantSub: string;
  uscc?: string;
  application: Application;
  /** The one waiting step of the case's workflow, so a retried or resumed step finds its task again. */
  currentTask?: CurrentTask;
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
  /** The partition of what the deadline is about (a case, an organization). */
  subject: string;
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
  /** Ladder steps already fired ("before_7", "due", "escalate" …). */
  fired?: string[];
  /** The due date before the last extension. */
  extendedFrom?: string;
  /**
   * What the sweep does once the due date has passed: answer the subject's waiting task (a period that
   * ran out), or put the organization on a credit list (活动异常名录, 严重违法失信名单).
   */
  onExpiry?:
    | { answerTask: { taskId: string; output: Record<string, unknown> } }
    | { creditList: { list: "abnormal" | "serious"; ground: string } };
  /** The next instant the sweep should look at it; absent when nothing more is to be done. */
  nextFireAt?: string;
  calendarPublished?: boolean;
  version: number;
}
