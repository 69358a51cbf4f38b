import type { WorkflowName } from "../../workflows/index.js";
import type { GrantRecord, InvitationRecord } from "../domain/access/grants.js";
import type { AnnualReportSeason } from "../domain/annual-inspection/index.js";
import type { CalendarNoticeRecord } from "../domain/calendar/index.js";
import type {
  CaseRecord,
  DeadlineRecord,
  DeadlineRef,
  Queue,
  Subject,
  TaskRecord,
  TaskStatus,
  TimelineEvent,
} from "../domain/cases/records.js";
import type { OrganizationRecord } from "../domain/organizations/records.js";
import type { AlertRecord } from "../domain/risk/alerts.js";
import type { OutboxMessage, OutboxNotification } from "../notify/message.js";

export interface IdempotencyRecord {
  principal: string;
  key: string;
  requestHash: string;
  status: number;
  body: unknown;
  createdAt: string;
}

export interface CertificateRecord {
  uscc: string;
  caseId: string;
  issuedOn: string;
  name: string;
  legalRepresentative: string;
}

/**
 * 名称: a name the jurisdiction has, held by a pending application or an organization on the register. A
 * registered organization's name stays held by its registration case (`pending`, by that case) unless a
 * change of name gave the organization the hold (`registered`, by its USCC).
 */
export interface NameHold {
  jurisdiction: string;
  /** The name as written; its normalized form is what makes a hold unique. */
  name: string;
  holder: "pending" | "registered" | "released";
  /** The case or USCC that holds it. */
  heldBy: string;
  since: string;
}

/** One write of a transaction; every condition that fails cancels the whole transaction. */
export type WriteOp =
  | { op: "putCase"; record: CaseRecord; expectVersion: number | "absent" }
  /** Appends to the timeline of a subject (a case, an organization). */
  | { op: "appendEvent"; subject: Subject; event: TimelineEvent }
  | { op: "putTask"; task: TaskRecord; expect: "absent" | { version: number; status?: TaskStatus } }
  | { op: "putDeadline"; deadline: DeadlineRecord; expectVersion?: number | "absent" }
  | { op: "putOutbox"; notification: OutboxNotification; expectVersion?: number | "absent" }
  | { op: "putOrganization"; organization: OrganizationRecord; expectVersion: number | "absent" }
  | { op: "putCertificate"; certificate: CertificateRecord }
  | { op: "putIdempotency"; record: IdempotencyRecord; ttlSeconds: number }
  | { op: "putAlert"; alert: AlertRecord; expectVersion: number | "absent" }
  | { op: "putPendingStart"; start: PendingStart }
  /** Holds a name: fails if another than `hold.heldBy` (or `from`, handing it on) holds the same normalized name. */
  | { op: "holdName"; hold: NameHold; from?: string }
  /**
   * A grant as it now stands; revoking one puts it again with `revokedAt`, so its record stays. `event` is
   * the change's audit event on the person's timeline, kept with the grant (appended, never rewritten).
   */
  | { op: "putGrant"; grant: GrantRecord; expectVersion: number | "absent"; event: TimelineEvent }
  | { op: "putInvitation"; invitation: InvitationRecord }
  /** Taking an invitation removes it, once: a second taker's transaction fails. */
  | { op: "deleteInvitation"; email: string; uscc: string }
  /** A season is opened once; opening it again finds it. */
  | { op: "putSeason"; season: AnnualReportSeason }
  /**
   * The marker that makes an annual report unique per organization and year: `filed` takes it (unless a
   * report is filed already), `returned` gives it back so the organization may file again.
   */
  | { op: "markAnnualReport"; uscc: string; year: number; caseId: string; status: ReportMarkerStatus }
  /** One assessment open per organization: `open` takes the marker unless one is open, `closed` gives back this case's. */
  | { op: "markAssessment"; uscc: string; caseId: string; status: "open" | "closed" }
  /** A year's official holiday notice, replacing any loaded before. */
  | { op: "putCalendarNotice"; notice: CalendarNoticeRecord }
  /** The deadline is no longer among those to count again when a calendar is loaded. */
  | { op: "clearProvisionalDate"; deadline: DeadlineRef };

export type ReportMarkerStatus = "filed" | "returned";

/** Whose cases to list: a registrant's before a USCC exists, or an organization's. */
export type CaseOwner = { applicantSub: string } | { uscc: string };

export class ConflictError extends Error {
  override name = "ConflictError";
  constructor(
    message: string,
    /** Index of the op whose condition failed, where the store can tell. */
    readonly failedOp?: number,
  ) {
    super(message);
  }
}

/**
 * A transaction cancelled because another touched one of its items at the same moment: no condition
 * failed, so the same writes may go again as they are.
 */
export class ContendedTransaction extends ConflictError {
  override name = "ContendedTransaction";
}

/** An item of the due index, whole (the index projects every attribute, so the sweep reads nothing else). */
export type DueItem =
  | { kind: "deadline"; deadline: DeadlineRecord }
  | { kind: "outbox"; notification: OutboxNotification }
  | { kind: "task_signal"; task: TaskRecord }
  | { kind: "workflow_start"; start: PendingStart };

/** A workflow execution a committed case still needs; cleared once the start has gone through. */
export interface PendingStart {
  caseId: string;
  workflow: WorkflowName;
  input: Record<string, unknown>;
  /** When the sweep should try the start itself, should the caller's start not have gone through. */
  retryAt: string;
}

/** Sizes of the blocks a sequence is reserved in: a process's first, and every later one. */
export interface SequenceBlocks {
  first: number;
  later: number;
}

export interface Store {
  transact(ops: WriteOp[]): Promise<void>;
  getIdempotency(principal: string, key: string): Promise<IdempotencyRecord | undefined>;

  getCase(caseId: string): Promise<CaseRecord | undefined>;
  getCaseWithHistory(
    caseId: string,
  ): Promise<{ record: CaseRecord; timeline: TimelineEvent[]; deadlines: DeadlineRecord[] } | undefined>;
  listCasesOf(owner: CaseOwner): Promise<CaseRecord[]>;
  /** The timeline of a subject, oldest first. */
  listTimeline(subject: Subject): Promise<TimelineEvent[]>;

  getTask(taskId: string): Promise<TaskRecord | undefined>;
  listQueue(jurisdiction: string, queue: Queue, status: TaskStatus): Promise<TaskRecord[]>;
  /** A supervisory unit's own queue: the tasks its reviewers work, in every jurisdiction. */
  listUnitQueue(unit: string, queue: Queue, status: TaskStatus): Promise<TaskRecord[]>;
  /** Marks a closed task's answer as delivered to its workflow (for a task its case keeps, if still pending). */
  clearTaskSignal(taskId: string): Promise<void>;
  /** The case's workflow has started: nothing is left for the sweep to start. */
  clearPendingStart(caseId: string): Promise<void>;

  getDeadline(ref: DeadlineRef): Promise<DeadlineRecord | undefined>;
  listDeadlines(subject: Subject): Promise<DeadlineRecord[]>;
  /** How many shards the due index is spread over (0 … dueShards-1). */
  readonly dueShards: number;
  /** Items of one shard whose next firing instant is at or before `now`, earliest first, a page at a time. */
  listDue(
    now: string,
    page: { shard: number; after?: string; limit?: number },
  ): Promise<{ items: DueItem[]; next?: string }>;

  getOrganization(uscc: string): Promise<OrganizationRecord | undefined>;
  getSeason(jurisdiction: string, year: number): Promise<AnnualReportSeason | undefined>;
  /** The annual-report seasons opened in a jurisdiction, latest year first. */
  listSeasons(jurisdiction: string): Promise<AnnualReportSeason[]>;
  /** Organizations of a jurisdiction, a page at a time. */
  listOrganizations(
    jurisdiction: string,
    page?: { after?: string; limit?: number },
  ): Promise<{ items: OrganizationRecord[]; next?: string }>;
  /** Organizations whose name, without the area names it opens with, begins with `text`; at most `limit`. */
  searchOrganizationsByName(text: string, limit?: number): Promise<OrganizationRecord[]>;
  /**
   * Conditional puts (absent only), one request each, a few at a time; returns how many were written.
   * An organization or alert is written with its counts.
   */
  putAllIfAbsent(ops: WriteOp[], concurrency?: number): Promise<number>;
  getCertificates(uscc: string): Promise<CertificateRecord[]>;
  /** The names a jurisdiction's pending applications and organizations hold (released ones left out). */
  listNameHolds(jurisdiction: string): Promise<NameHold[]>;

  /** A notification in the outbox with all its deliveries (an item from before notifications as one of one). */
  getNotification(id: string): Promise<OutboxNotification | undefined>;
  /** One delivery of a notification, by its id, as a channel sends it. */
  getOutbox(deliveryId: string): Promise<OutboxMessage | undefined>;
  listAlerts(jurisdiction: string, status: AlertRecord["status"]): Promise<AlertRecord[]>;
  /** The deliveries to one email address or phone, oldest first. */
  listOutboxTo(to: string): Promise<OutboxMessage[]>;

  /**
   * Atomically takes the next number of a named sequence (starting at 1). With `blocks`, the store reserves
   * numbers a block at a time and hands them out in order: no number goes to two callers, across stores and
   * restarts, but a block a process leaves unused is a gap.
   */
  nextSequence(name: string, blocks?: SequenceBlocks): Promise<number>;

  /** Every grant a person holds or held, revoked ones included. */
  listGrants(who: { issuer: string; sub: string }): Promise<GrantRecord[]>;
  /** Invitations waiting for this (normalized) address. */
  listInvitations(email: string): Promise<InvitationRecord[]>;
  /** A division's statistics counters (its own organizations' and alerts', or its districts' for a city). */
  readCounters(division: string): Promise<Record<string, number>>;
  /** Whether the table holds organizations whose division has no counters (a table from before them). */
  countersMissing(): Promise<boolean>;
  /**
   * Every division's counters counted again from the organizations and alerts on the table, safely beside
   * concurrent writes; a ConflictError names the divisions that kept changing.
   */
  rebuildCounters(): Promise<{ organizations: number; alerts: number; divisions: number }>;
  /** The official holiday notices admins have loaded, by year. */
  listCalendarNotices(): Promise<CalendarNoticeRecord[]>;
  /**
   * Deadlines whose due date was counted through a year without its calendar (an open deadline written
   * with calendarPublished false and a dueCount), until cleared; the caller checks each one's state.
   */
  listProvisionalDeadlines(): Promise<DeadlineRecord[]>;

  getSetting<T>(name: string): Promise<T | undefined>;
  putSetting<T>(name: string, value: T): Promise<void>;
}
