import { type DynamoDBClient, TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import {
  BatchGetCommand,
  BatchWriteCommand,
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
  ScanCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import { type GrantRecord, type InvitationRecord, scopeId } from "../domain/access/grants.js";
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
import { keepingCaseOf } from "../domain/cases/records.js";
import { nameSearchKey } from "../domain/organizations/name-search.js";
import type { OrganizationRecord } from "../domain/organizations/records.js";
import type { Counters } from "../domain/organizations/statistics-counters.js";
import { normalizeName } from "../domain/registration/index.js";
import type { AlertRecord } from "../domain/risk/alerts.js";
import { nextDeliveryAt } from "../notify/delivery.js";
import {
  notificationIdOf,
  notificationOfMessage,
  type OutboxMessage,
  type OutboxNotification,
  outboxMessages,
} from "../notify/message.js";
import { retryOnConflict } from "../ports/retry.js";
import {
  type CaseOwner,
  type CertificateRecord,
  ConflictError,
  ContendedTransaction,
  type DueItem,
  type IdempotencyRecord,
  type NameHold,
  type PendingStart,
  type SequenceBlocks,
  type Store,
  type WriteOp,
} from "../ports/store.js";
import { divisionLevel } from "../settings/index.js";
import {
  addExpression,
  CounterChanges,
  type CounterWrite,
  divisionsOf,
  rebuildExpression,
  TALLY,
} from "./counters.js";
import {
  afterKeptWrites,
  isKeptDeadlineAttribute,
  KEPT_REVISION,
  type KeptDeadlines,
  type KeptDeadlineWrite,
  keptDeadlineAttribute,
  keptDeadlineParts,
  keptDeadlinesOf,
  keptDeadlineWriteHolds,
  noKeptDeadlines,
} from "./kept-deadlines.js";
import {
  appendingUpdate,
  foldCertificates,
  KEPT_LISTS,
  keepingLists,
  keptTimeline,
  mergedParts,
  type UpdateParts,
  updateOf,
} from "./kept-lists.js";
import {
  alertKey,
  alertsValue,
  assessmentMarkerKey,
  calendarNoticeKey,
  calendarPartition,
  caseKey,
  certificateKey,
  counterIndex,
  counterOf,
  counterPrefix,
  countersPk,
  countersWithin,
  deadlineKey,
  dueBound,
  dueIndex,
  dueShardValue,
  earlierCounterPrefix,
  eventKey,
  grantKey,
  idempotencyKey,
  identityPk,
  invitationKey,
  invitationPk,
  jurisdictionValue,
  KEPT_TASK_PREFIX,
  type Key,
  keptDeadlineCase,
  keptTaskAttribute,
  markedDeadlineKey,
  nameHoldKey,
  namesPk,
  organizationNameValue,
  orgKey,
  outboxKey,
  ownerIndex,
  ownerValue,
  pendingStartKey,
  prefixes,
  provisionalDateKey,
  provisionalPartition,
  queueIndex,
  queueValue,
  recipientValue,
  reportMarkerKey,
  seasonKey,
  seasonsPk,
  sequenceKey,
  settingKey,
  subjectPk,
  taskKey,
  unitQueueValue,
} from "./keys.js";
import { DUE_SHARDS, indexes, ttlAttribute } from "./table.js";

type Item = Record<string, unknown>;
type TransactItem = NonNullable<TransactWriteCommandInput["TransactItems"]>[number];

/** A case item's own timeline: the events of the transactions that changed the case, appended in order. */
const CASE_TIMELINE = "timeline";

/** Every attribute a case item may hold besides its key and type; checked against CaseRecord by the compiler. */
const CASE_ATTRIBUTES = [
  ...Object.keys({
    caseId: 1,
    kind: 1,
    status: 1,
    jurisdiction: 1,
    applicantSub: 1,
    applicantIssuer: 1,
    uscc: 1,
    application: 1,
    currentTask: 1,
    pendingStart: 1,
    pendingAnswer: 1,
    supervisoryUnit: 1,
    version: 1,
    createdAt: 1,
    updatedAt: 1,
  } satisfies Record<keyof CaseRecord, 1>),
  indexes.owner.partition,
  indexes.owner.sort,
  indexes.due.partition,
  indexes.due.sort,
];

const KEY_ATTRS = new Set<string>([
  "pk",
  "sk",
  "type",
  indexes.queue.partition,
  indexes.queue.sort,
  indexes.due.partition,
  indexes.due.sort,
  indexes.owner.partition,
  indexes.owner.sort,
  indexes.deadlines.partition,
  indexes.deadlines.sort,
  ttlAttribute,
  CASE_TIMELINE,
  KEPT_LISTS.certificates,
  KEPT_REVISION,
]);

function strip<T>(item: Item | undefined): T | undefined {
  if (!item) return undefined;
  const out: Item = {};
  for (const [k, v] of Object.entries(item))
    if (!KEY_ATTRS.has(k) && !k.startsWith(KEPT_TASK_PREFIX) && !isKeptDeadlineAttribute(k)) out[k] = v;
  return out as T;
}

/**
 * The deadlines of a case: those its item keeps, and those in items of their own (written before cases
 * kept them); one kept under the same name is the one that stands.
 */
function caseDeadlines(items: readonly Item[]): DeadlineRecord[] {
  const kept = keptDeadlinesOf(items.find((i) => i.type === "case")).deadlines;
  const own = items
    .filter((i) => i.type === "deadline" && !kept.has(String(i.sk)))
    .map((i) => strip<DeadlineRecord>(i) as DeadlineRecord);
  return [...kept.values(), ...own];
}

const encodeCursor = (key: Item): string => Buffer.from(JSON.stringify(key)).toString("base64url");
const decodeCursor = (cursor: string): Item => JSON.parse(Buffer.from(cursor, "base64url").toString());

function dueItem(item: Item): DueItem {
  switch (item.type) {
    case "task":
      return { kind: "task_signal", task: strip<TaskRecord>(item) as TaskRecord };
    case "outbox":
      return { kind: "outbox", notification: notificationOf(item) };
    case "case": {
      const { caseId, pendingStart, pendingAnswer } = strip<CaseRecord>(item) as CaseRecord;
      if (!pendingStart && pendingAnswer) {
        return { kind: "task_signal", task: item[keptTaskAttribute(pendingAnswer.taskId)] as TaskRecord };
      }
      const start = pendingStart as Omit<PendingStart, "caseId">;
      return { kind: "workflow_start", start: { caseId, ...start } };
    }
    case "pending_start":
      return { kind: "workflow_start", start: strip<PendingStart>(item) as PendingStart };
    default:
      return { kind: "deadline", deadline: strip<DeadlineRecord>(item) as DeadlineRecord };
  }
}

/** An outbox item as a notification; one written per message, before notifications, as one of one delivery. */
function notificationOf(item: Item): OutboxNotification {
  const record = strip<OutboxNotification | OutboxMessage>(item) as OutboxNotification | OutboxMessage;
  return "deliveries" in record ? record : notificationOfMessage(record);
}

function dueKeys(key: Key, nextFireAt: string | undefined): Item {
  if (!nextFireAt) return {};
  const due = dueIndex(key, nextFireAt);
  return { [indexes.due.partition]: due.pk, [indexes.due.sort]: due.sk };
}

function queueKeys(queue: { pk: string; sk: string }): Item {
  return { [indexes.queue.partition]: queue.pk, [indexes.queue.sort]: queue.sk };
}

function ownerKeys(owner: { pk: string; sk: string }): Item {
  return { [indexes.owner.partition]: owner.pk, [indexes.owner.sort]: owner.sk };
}

/** What a store has read so far: requests sent, and items returned. */
export interface ReadStats {
  requests: number;
  items: number;
}

/** What has been written through a store's client so far: requests sent, and the items they wrote by kind. */
export interface WriteStats {
  requests: number;
  items: number;
  /** Items by kind: a put by its item's `type`, an update or delete by its verb and its key's prefix. */
  byKind: Record<string, number>;
}

type WriteRequest = {
  Item?: Item;
  Key?: Item;
  ExpressionAttributeValues?: Item;
  ExpressionAttributeNames?: Record<string, string>;
};

/** The type an update sets through a named attribute (a case written as an update). */
function caseItemType(w: WriteRequest | undefined): string | undefined {
  for (const [alias, name] of Object.entries(w?.ExpressionAttributeNames ?? {})) {
    const value = w?.ExpressionAttributeValues?.[`:${alias.slice(1)}`];
    if (name === "type" && typeof value === "string") return value;
  }
  return undefined;
}

/** The kind of an item a write request writes (document or attribute-value form). */
function writeKind(verb: "put" | "update" | "delete", w: WriteRequest | undefined): string {
  const text = (v: unknown) => (typeof v === "string" ? v : (v as { S?: string } | undefined)?.S);
  const type = text(w?.Item?.type);
  if (verb === "put" && type) return type;
  const set = text(w?.ExpressionAttributeValues?.[":type"]) ?? caseItemType(w);
  return `${verb} ${set ?? (text((w?.Item ?? w?.Key)?.pk) ?? "?").split("#")[0]}`;
}

/** The items one write command writes, by kind; undefined for a command that writes nothing. */
function writtenItems(command: string, input: unknown): string[] | undefined {
  const i = input as WriteRequest & {
    TransactItems?: { Put?: WriteRequest; Update?: WriteRequest; Delete?: WriteRequest }[];
    RequestItems?: Record<string, { PutRequest?: WriteRequest; DeleteRequest?: WriteRequest }[]>;
  };
  switch (command) {
    case "PutItemCommand":
    case "PutCommand":
      return [writeKind("put", i)];
    case "UpdateItemCommand":
    case "UpdateCommand":
      return [writeKind("update", i)];
    case "DeleteItemCommand":
    case "DeleteCommand":
      return [writeKind("delete", i)];
    case "TransactWriteItemsCommand":
    case "TransactWriteCommand":
      return (i.TransactItems ?? []).flatMap((t) =>
        t.Put
          ? [writeKind("put", t.Put)]
          : t.Update
            ? [writeKind("update", t.Update)]
            : t.Delete
              ? [writeKind("delete", t.Delete)]
              : [],
      );
    case "BatchWriteItemCommand":
    case "BatchWriteCommand":
      return Object.values(i.RequestItems ?? {}).flatMap((requests) =>
        requests.map((r) =>
          r.PutRequest
            ? writeKind("put", { Item: r.PutRequest.Item as Item })
            : writeKind("delete", { Key: r.DeleteRequest?.Key as Item }),
        ),
      );
    default:
      return undefined;
  }
}

/** How many versions of organizations and alerts a store keeps for the counts their next writes replace. */
const REMEMBERED_VERSIONS = 2_000;

/** Sets `key` in a map that keeps the REMEMBERED_VERSIONS most recently set, dropping the oldest. */
function keepRecent<V>(memory: Map<string, V>, key: string, value: V): void {
  memory.delete(key);
  memory.set(key, value);
  if (memory.size > REMEMBERED_VERSIONS) memory.delete(memory.keys().next().value as string);
}

/** Tries of a transaction whose case's kept deadlines other writes keep moving, before the conflict is reported. */
const KEPT_REVISION_TRIES = 4;

/** Tries of a transaction that concurrent ones keep cancelling, before the conflict is reported. */
const CONTENDED_TRIES = 6;

/** How a write DynamoDB did not take (a cancelled transaction, unprocessed batch items) is sent again. */
const CONTENDED_RETRY = {
  times: CONTENDED_TRIES,
  backoffMs: (tried: number) => 10 * 2 ** tried * (0.5 + Math.random()),
  exhausted: (last: ConflictError) => new ConflictError(`${last.message}, ${CONTENDED_TRIES} times running`),
};

/** A deadline to count again once the calendar of a year it reached is loaded. */
const isProvisional = (d: DeadlineRecord): boolean =>
  d.status === "open" && d.calendarPublished === false && d.dueCount !== undefined;

function provisionalMark(d: DeadlineRecord): Item {
  const of = deadlineKey(d);
  return { ...provisionalDateKey(d), type: "provisional_date", deadlinePk: of.pk, deadlineSk: of.sk };
}

/** A write of a task kept in its case's item. */
type KeptTaskWrite = Extract<WriteOp, { op: "putTask" }>;

/** How long a closed task's answer waits for its workflow to move on before the sweep sends it again. */
const ANSWER_RETRY_MS = 2 * 60_000;

/** The answer a closed task kept in its case still owes its workflow, held on the case item. */
function pendingAnswerOf(task: TaskRecord): CaseRecord["pendingAnswer"] {
  if (task.status === "open") return undefined;
  const closedAt = new Date(task.decidedAt ?? task.openedAt).getTime();
  return { taskId: task.taskId, retryAt: new Date(closedAt + ANSWER_RETRY_MS).toISOString() };
}

/**
 * The case whose item keeps a deadline a transaction writes: a case's own new deadline, and one its item
 * keeps already; one with an item of its own (from before cases kept theirs) stays there.
 */
function keptCaseOf(
  w: KeptDeadlineWrite,
  given: readonly WriteOp[],
  kept: Map<string, KeptDeadlines>,
): string | undefined {
  const subject = w.deadline.subject;
  if (subject.kind !== "case") return undefined;
  const k = kept.get(subject.caseId);
  const withCase = given.some((o) => o.op === "putCase" && o.record.caseId === subject.caseId);
  if (!k || !(k.exists || withCase)) return undefined;
  const keeps = typeof w.expectVersion !== "number" || k.deadlines.has(keptDeadlineAttribute(w.deadline));
  return keeps ? subject.caseId : undefined;
}

/** A case's item written without the case itself: the tasks it keeps written beside its deadlines. */
interface CaseItemWrites {
  tasks: KeptTaskWrite[];
  /** The given op the item's write stands for, when it fails its condition. */
  origin: number;
}

/**
 * What a transaction folds into the case it writes: a new case's pending start, the case's timeline
 * events, the tasks and the deadlines the case keeps go in the case's own item; that saves an item each,
 * the start's delete once the workflow runs, and a closed task's answer is pending on the case until the
 * case changes. The deadlines a case keeps, written without the case, go in one update of its item, with
 * any task it keeps written beside them.
 */
function foldIntoCases(
  given: WriteOp[],
  keptBy: (w: KeptDeadlineWrite) => string | undefined,
): {
  ops: WriteOp[];
  origin: number[];
  events: Map<string, TimelineEvent[]>;
  tasks: Map<string, KeptTaskWrite[]>;
  /** The kept deadlines written, by the case that keeps them, with the case or without it. */
  deadlines: Map<string, KeptDeadlineWrite[]>;
  withoutCase: Map<string, CaseItemWrites>;
} {
  const starts = new Map<string, PendingStart>();
  for (const w of given) if (w.op === "putPendingStart") starts.set(w.start.caseId, w.start);
  const cases = new Set(given.flatMap((w) => (w.op === "putCase" ? [w.record.caseId] : [])));
  const tasks = new Map<string, KeptTaskWrite[]>();
  const deadlines = new Map<string, KeptDeadlineWrite[]>();
  const withoutCase = new Map<string, CaseItemWrites>();
  const folded = new Set<WriteOp>();
  given.forEach((w, i) => {
    const keeper = w.op === "putDeadline" ? keptBy(w) : undefined;
    if (w.op !== "putDeadline" || !keeper) return;
    deadlines.set(keeper, [...(deadlines.get(keeper) ?? []), w]);
    folded.add(w);
    if (!cases.has(keeper) && !withoutCase.has(keeper)) withoutCase.set(keeper, { tasks: [], origin: i });
  });
  for (const w of given) {
    const keeper = w.op === "putTask" ? keepingCaseOf(w.task.taskId) : undefined;
    if (w.op === "putTask" && keeper && cases.has(keeper))
      tasks.set(keeper, [...(tasks.get(keeper) ?? []), w]);
  }
  const ops: WriteOp[] = [];
  const origin: number[] = [];
  const events = new Map<string, TimelineEvent[]>();
  given.forEach((w, i) => {
    if (w.op === "putPendingStart" && cases.has(w.start.caseId)) return;
    if (w.op === "appendEvent" && w.subject.kind === "case" && cases.has(w.subject.caseId)) {
      events.set(w.subject.caseId, [...(events.get(w.subject.caseId) ?? []), w.event]);
      return;
    }
    if (folded.has(w)) return;
    if (w.op === "putTask") {
      const keeper = keepingCaseOf(w.task.taskId) ?? "";
      if (tasks.get(keeper)?.includes(w)) return;
      const alone = withoutCase.get(keeper);
      if (alone) {
        alone.tasks.push(w);
        return;
      }
    }
    if (w.op === "putCase") {
      const start = starts.get(w.record.caseId);
      const closed = tasks.get(w.record.caseId)?.flatMap((t) => pendingAnswerOf(t.task) ?? []);
      const record = { ...w.record };
      if (start) {
        const { caseId: _, ...pendingStart } = start;
        record.pendingStart = pendingStart;
      }
      if (closed?.[0]) record.pendingAnswer = closed[0];
      ops.push({ ...w, record });
    } else ops.push(w);
    origin.push(i);
  });
  return { ops, origin, events, tasks, deadlines, withoutCase };
}

/** The condition a task write puts on the attribute that keeps the task, with its names and values. */
function keptTaskCondition(w: KeptTaskWrite, n: number) {
  const names: Record<string, string> = { [`#t${n}`]: keptTaskAttribute(w.task.taskId) };
  const values: Record<string, unknown> = {};
  if (w.expect === "absent") return { expression: `attribute_not_exists(#t${n})`, names, values };
  values[`:tv${n}`] = w.expect.version;
  let expression = `#t${n}.version = :tv${n}`;
  if (w.expect.status) {
    names["#tstatus"] = "status";
    values[`:ts${n}`] = w.expect.status;
    expression += ` AND #t${n}.#tstatus = :ts${n}`;
  }
  return { expression, names, values };
}

/**
 * A case written as an update: its record's attributes set and the ones it no longer has removed, its
 * timeline appended to and never rewritten, under the put's own condition.
 */
function caseUpdate(
  put: NonNullable<TransactItem["Put"]>,
  events: TimelineEvent[],
  tasks: KeptTaskWrite[] = [],
  deadlines?: UpdateParts,
): TransactItem {
  const kept = tasks.at(-1)?.task;
  // The case is on its queue where the task it keeps last stands.
  const item: Item = { ...(put.Item as Item), ...(kept ? queueKeys(queueIndex.task(kept)) : {}) };
  if (events.length > 0) item[CASE_TIMELINE] = events;
  return appendingUpdate(
    { ...put, Item: item },
    CASE_ATTRIBUTES,
    mergedParts(keptTaskSets(tasks), deadlines),
  );
}

/** Each kept task's attribute set, under the task write's own condition. */
function keptTaskSets(tasks: readonly KeptTaskWrite[]): UpdateParts {
  const more: UpdateParts = { sets: [], conditions: [], names: {}, values: {} };
  tasks.forEach((w, i) => {
    const c = keptTaskCondition(w, i);
    Object.assign(more.names, c.names);
    Object.assign(more.values, c.values, { [`:t${i}`]: w.task });
    more.sets.push(`#t${i} = :t${i}`);
    more.conditions.push(c.expression);
  });
  return more;
}

/** Whether a kept task's write condition holds against its case's item as it is now. */
function keptTaskWriteHolds(item: Item | undefined, w: KeptTaskWrite): boolean {
  const now = item?.[keptTaskAttribute(w.task.taskId)] as TaskRecord | undefined;
  if (w.expect === "absent") return now === undefined;
  return now?.version === w.expect.version && (!w.expect.status || now.status === w.expect.status);
}

/** A case's timeline: the events in its item, then those in items of their own, oldest first. */
/** The task a case item stands for on a queue: the one it keeps whose queue entry the item carries. */
function queuedTaskOf(item: Item): TaskRecord {
  const kept = Object.entries(item)
    .filter(([name]) => name.startsWith(KEPT_TASK_PREFIX))
    .map(([, task]) => task as TaskRecord);
  const on = kept.find((t) => {
    const q = queueIndex.task(t);
    return q.pk === item[indexes.queue.partition] && q.sk === item[indexes.queue.sort];
  });
  if (!on) throw new Error(`case item ${String(item.pk)} is on a queue with no task of its own there`);
  return on;
}

function caseTimeline(items: Item[]): TimelineEvent[] {
  const own = items.find((i) => i.type === "case")?.[CASE_TIMELINE] as TimelineEvent[] | undefined;
  const separate = items
    .filter((i) => i.type === "event")
    .map((i) => strip<TimelineEvent>(i) as TimelineEvent);
  return [...(own ?? []), ...separate].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

function versionCondition(expect: number | "absent" | undefined): Partial<TransactItem["Put"]> & object {
  if (expect === undefined) return {};
  if (expect === "absent") return { ConditionExpression: "attribute_not_exists(pk)" };
  return { ConditionExpression: "version = :v", ExpressionAttributeValues: { ":v": expect } };
}

export class DynamoStore implements Store {
  private readonly doc: DynamoDBDocumentClient;
  private readonly stats: ReadStats = { requests: 0, items: 0 };
  private readonly writes: WriteStats = { requests: 0, items: 0, byKind: {} };
  /**
   * Organizations and alerts as this store last read or wrote them, by key and version: a write
   * conditional on a version found here takes the counts it replaces from it, with no read of its own.
   */
  private readonly versions = new Map<string, Item>();
  /** Numbers of a sequence this store reserved and has not handed out yet, by sequence name. */
  private readonly sequenceBlocks = new Map<string, { next: number; last: number }>();
  private readonly reservingBlocks = new Map<string, Promise<void>>();
  /** The deadlines each case's item keeps, as this store last read or wrote them; the oldest go first. */
  private readonly keptStates = new Map<string, KeptDeadlines>();

  constructor(
    client: DynamoDBClient,
    private readonly tableName: string,
  ) {
    this.doc = DynamoDBDocumentClient.from(client, {
      marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
    });
    // The document client shares its client's middleware, so this counts what every adapter on it sends.
    this.doc.middlewareStack.add(
      (next, context) => async (args) => {
        const name = context.commandName ?? "";
        const written = writtenItems(name, args.input);
        if (written) {
          this.writes.requests++;
          this.writes.items += written.length;
          for (const kind of written) this.writes.byKind[kind] = (this.writes.byKind[kind] ?? 0) + 1;
        }
        const out = await next(args);
        if (/^(Get|Query|Scan|BatchGet)/.test(name)) {
          const body = (out.output ?? {}) as {
            Items?: unknown[];
            Item?: unknown;
            Responses?: Record<string, unknown[]>;
          };
          this.stats.requests++;
          this.stats.items +=
            body.Items?.length ?? (body.Item ? 1 : Object.values(body.Responses ?? {}).flat().length);
        }
        return out;
      },
      { step: "initialize", name: "countReads" },
    );
  }

  /** Reads since the store was made; take the difference of two calls to measure a view. */
  readStats(): ReadStats {
    return { ...this.stats };
  }

  /** Write requests sent through this store's client since it was made (a failed one counts too). */
  writeStats(): WriteStats {
    return { ...this.writes, byKind: { ...this.writes.byKind } };
  }

  private put(item: Item, condition: object = {}): TransactItem {
    return { Put: { TableName: this.tableName, Item: item, ...condition } };
  }

  private toTransactItem(w: WriteOp): TransactItem {
    switch (w.op) {
      case "putCase": {
        const r = w.record;
        const key = caseKey(r.caseId);
        return this.put(
          {
            ...key,
            type: "case",
            ...r,
            ...ownerKeys(ownerIndex.case(r)),
            ...dueKeys(key, r.pendingStart?.retryAt ?? r.pendingAnswer?.retryAt),
          },
          versionCondition(w.expectVersion),
        );
      }
      case "appendEvent": {
        const suffix = Math.random().toString(36).slice(2, 8);
        return this.put(
          { ...eventKey(w.subject, w.event.at, suffix), type: "event", ...w.event },
          { ConditionExpression: "attribute_not_exists(pk)" },
        );
      }
      case "putTask": {
        const t = w.task;
        const keeper = keepingCaseOf(t.taskId);
        if (keeper) return this.caseItemUpdate(keeper, [w]);
        const queued = queueKeys(queueIndex.task(t));
        const key = taskKey(t.taskId);
        // A decided task carries a due-index entry until its answer has reached the workflow.
        const signal = t.status !== "open" ? dueKeys(key, t.decidedAt) : {};
        const unit = t.supervisoryUnit
          ? ownerKeys(ownerIndex.unitTask({ ...t, supervisoryUnit: t.supervisoryUnit }))
          : {};
        const item = { ...key, type: "task", ...t, ...queued, ...unit, ...signal };
        if (w.expect === "absent") return this.put(item, versionCondition("absent"));
        const values: Item = { ":v": w.expect.version };
        let cond = "version = :v";
        if (w.expect.status) {
          cond += " AND #status = :s";
          values[":s"] = w.expect.status;
        }
        return this.put(item, {
          ConditionExpression: cond,
          ExpressionAttributeValues: values,
          ...(w.expect.status ? { ExpressionAttributeNames: { "#status": "status" } } : {}),
        });
      }
      case "putDeadline": {
        const d = w.deadline;
        const key = deadlineKey(d);
        return this.put(
          { ...key, type: "deadline", ...d, ...dueKeys(key, d.nextFireAt) },
          versionCondition(w.expectVersion),
        );
      }
      case "putOutbox": {
        const n = w.notification;
        const key = outboxKey(n.id);
        const email = n.deliveries.find((d) => d.channel === "email")?.to;
        const phone = n.deliveries.find((d) => d.channel === "sms")?.to;
        return this.put(
          {
            ...key,
            type: "outbox",
            ...n,
            ...(email ? ownerKeys(ownerIndex.outbox(email, n)) : {}),
            ...(phone ? queueKeys(queueIndex.outboxPhone(phone, n)) : {}),
            ...dueKeys(key, nextDeliveryAt(n)),
          },
          versionCondition(w.expectVersion),
        );
      }
      case "putOrganization": {
        const o = w.organization;
        return this.put(
          {
            ...orgKey(o.uscc),
            type: "organization",
            ...o,
            ...ownerKeys(ownerIndex.organization(o)),
            ...queueKeys(queueIndex.organizationName(o)),
          },
          versionCondition(w.expectVersion),
        );
      }
      case "putGrant": {
        const g = w.grant;
        return this.put(
          { ...grantKey(g, scopeId(g.scope)), type: "grant", ...g, [KEPT_LISTS.timeline]: [w.event] },
          versionCondition(w.expectVersion),
        );
      }
      case "putInvitation": {
        const i = w.invitation;
        return this.put({ ...invitationKey(i.email, i.uscc), type: "invitation", ...i });
      }
      case "deleteInvitation":
        return {
          Delete: {
            TableName: this.tableName,
            Key: invitationKey(w.email, w.uscc),
            ConditionExpression: "attribute_exists(pk)",
          },
        };
      case "putCertificate": {
        const c = w.certificate;
        return this.put(
          { ...certificateKey(c.uscc, c.issuedOn, c.caseId), type: "certificate", ...c },
          { ConditionExpression: "attribute_not_exists(pk)" },
        );
      }
      case "putPendingStart": {
        const key = pendingStartKey(w.start.caseId);
        return this.put(
          { ...key, type: "pending_start", ...w.start, ...dueKeys(key, w.start.retryAt) },
          { ConditionExpression: "attribute_not_exists(pk)" },
        );
      }
      case "putSeason": {
        const s = w.season;
        return this.put(
          { ...seasonKey(s.jurisdiction, s.year), type: "season", ...s },
          { ConditionExpression: "attribute_not_exists(pk)" },
        );
      }
      case "putAlert": {
        const a = w.alert;
        return this.put(
          {
            ...alertKey(a.alertId),
            type: "alert",
            ...a,
            ...queueKeys(queueIndex.alert(a)),
          },
          versionCondition(w.expectVersion),
        );
      }
      case "holdName": {
        const h = w.hold;
        return this.put(
          { ...nameHoldKey(h.jurisdiction, normalizeName(h.name)), type: "name_hold", ...h },
          {
            ConditionExpression: "attribute_not_exists(pk) OR holder = :released OR heldBy IN (:me, :from)",
            ExpressionAttributeValues: {
              ":released": "released",
              ":me": h.heldBy,
              ":from": w.from ?? h.heldBy,
            },
          },
        );
      }
      case "markAnnualReport": {
        const item = {
          ...reportMarkerKey(w.uscc, w.year),
          type: "report_marker",
          uscc: w.uscc,
          year: w.year,
          caseId: w.caseId,
          status: w.status,
        };
        // Filing takes a free or returned marker; returning gives back a filed one.
        return this.put(item, {
          ConditionExpression: "attribute_not_exists(pk) OR #status = :from",
          ExpressionAttributeNames: { "#status": "status" },
          ExpressionAttributeValues: { ":from": w.status === "filed" ? "returned" : "filed" },
        });
      }
      case "markAssessment": {
        const item = {
          ...assessmentMarkerKey(w.uscc),
          type: "assessment_marker",
          uscc: w.uscc,
          caseId: w.caseId,
          status: w.status,
        };
        // Applying takes a free or closed marker; closing gives back only the marker its own case holds.
        if (w.status === "open") {
          return this.put(item, {
            ConditionExpression: "attribute_not_exists(pk) OR #status = :closed",
            ExpressionAttributeNames: { "#status": "status" },
            ExpressionAttributeValues: { ":closed": "closed" },
          });
        }
        return this.put(item, {
          ConditionExpression: "#status = :open AND caseId = :caseId",
          ExpressionAttributeNames: { "#status": "status" },
          ExpressionAttributeValues: { ":open": "open", ":caseId": w.caseId },
        });
      }
      case "putCalendarNotice":
        return this.put({ ...calendarNoticeKey(w.notice.year), type: "calendar_notice", ...w.notice });
      case "clearProvisionalDate":
        return { Delete: { TableName: this.tableName, Key: provisionalDateKey(w.deadline) } };
      case "putIdempotency": {
        const r = w.record;
        return this.put(
          {
            ...idempotencyKey(r.principal, r.key),
            type: "idempotency",
            ...r,
            [ttlAttribute]: Math.floor(Date.parse(r.createdAt) / 1000) + w.ttlSeconds,
          },
          { ConditionExpression: "attribute_not_exists(pk)" },
        );
      }
    }
  }

  /**
   * One TransactWriteItems, with the counter increments its organization and alert writes imply. The
   * record a versioned put replaces is the version this store read or wrote last, or else read first;
   * the put's own condition guarantees it is the one replaced. A cancellation by a concurrent transaction
   * (never a failed condition) is tried again through retryOnConflict, a bounded number of times, and then
   * reported as a ConflictError.
   */
  async transact(given: WriteOp[]): Promise<void> {
    if (given.length === 0) return;
    for (let tried = 1; ; tried++) {
      const kept = await this.keptDeadlinesOf(given);
      try {
        await this.transactOnce(given, kept);
        return;
      } catch (error) {
        if (!(error instanceof ConflictError) || kept.size === 0) throw error;
        for (const caseId of kept.keys()) this.keptStates.delete(caseId);
        // The deadlines its case keeps moved meanwhile, but what this transaction asked of them still holds.
        if (tried >= KEPT_REVISION_TRIES || !(await this.stillHolds(given, kept, error.failedOp)))
          throw error;
      }
    }
  }

  /**
   * The deadlines kept by the cases whose deadlines a transaction writes, as this store last saw them (read
   * again where it has not). A new case keeps none; a deadline written before cases kept theirs stays an
   * item of its own.
   */
  private async keptDeadlinesOf(given: WriteOp[]): Promise<Map<string, KeptDeadlines>> {
    const created = new Set(
      given.flatMap((w) => (w.op === "putCase" && w.expectVersion === "absent" ? [w.record.caseId] : [])),
    );
    const kept = new Map<string, KeptDeadlines>();
    for (const w of given) {
      if (w.op !== "putDeadline" || w.deadline.subject.kind !== "case") continue;
      const caseId = w.deadline.subject.caseId;
      if (kept.has(caseId)) continue;
      kept.set(
        caseId,
        created.has(caseId)
          ? noKeptDeadlines()
          : (this.keptStates.get(caseId) ?? keptDeadlinesOf(await this.readCaseItem(caseId))),
      );
    }
    return kept;
  }

  /** Whether the case item a failed transaction named still meets every condition the transaction puts on it. */
  private async stillHolds(given: WriteOp[], kept: Map<string, KeptDeadlines>, failedOp?: number) {
    const failed = failedOp === undefined ? undefined : given[failedOp];
    const caseId =
      failed?.op === "putCase"
        ? failed.record.caseId
        : failed?.op === "putDeadline"
          ? keptCaseOf(failed, given, kept)
          : failed?.op === "putTask"
            ? keepingCaseOf(failed.task.taskId)
            : undefined;
    if (!caseId || !kept.has(caseId)) return false;
    const item = await this.readCaseItem(caseId);
    const now = keptDeadlinesOf(item);
    return given.every((w) => {
      if (w.op === "putCase" && w.record.caseId === caseId) {
        return w.expectVersion === "absent" ? item === undefined : item?.version === w.expectVersion;
      }
      if (w.op === "putTask" && keepingCaseOf(w.task.taskId) === caseId) return keptTaskWriteHolds(item, w);
      if (w.op === "putDeadline" && keptCaseOf(w, given, kept) === caseId)
        return keptDeadlineWriteHolds(now, w);
      return true;
    });
  }

  private async transactOnce(given: WriteOp[], kept: Map<string, KeptDeadlines>): Promise<void> {
    const keptBy = (w: KeptDeadlineWrite) => keptCaseOf(w, given, kept);
    const folded = foldIntoCases(given, keptBy);
    const { events, tasks, deadlines, withoutCase } = folded;
    const { ops, origin, certificates } = foldCertificates(folded.ops, folded.origin);
    const counters = await this.counterChanges(ops, origin);
    const keptParts = (caseId: string, writes: KeptDeadlineWrite[] | undefined) =>
      writes?.length ? keptDeadlineParts(caseId, kept.get(caseId) ?? noKeptDeadlines(), writes) : undefined;
    // A provisional deadline carries its mark in the same transaction; `opOf` maps items back to the ops given.
    const items: TransactItem[] = [];
    const opOf: number[] = [];
    const puts: Item[] = [];
    const markIfProvisional = (d: DeadlineRecord, from: number) => {
      if (!isProvisional(d)) return;
      items.push(this.put(provisionalMark(d)));
      opOf.push(from);
    };
    ops.forEach((w, i) => {
      const item = this.toTransactItem(w);
      if (item.Put?.Item) puts.push(item.Put.Item as Item);
      // A case keeps the timeline in its item, so writing it never replaces the item whole.
      items.push(
        w.op === "putCase" && item.Put
          ? caseUpdate(
              item.Put,
              events.get(w.record.caseId) ?? [],
              tasks.get(w.record.caseId),
              keptParts(w.record.caseId, deadlines.get(w.record.caseId)),
            )
          : keepingLists(w, item, certificates),
      );
      opOf.push(origin[i] as number);
      if (w.op === "putDeadline") markIfProvisional(w.deadline, origin[i] as number);
    });
    for (const [caseId, writes] of withoutCase) {
      items.push(this.caseItemUpdate(caseId, writes.tasks, keptParts(caseId, deadlines.get(caseId))));
      opOf.push(writes.origin);
    }
    for (const w of [...deadlines.values()].flat()) markIfProvisional(w.deadline, given.indexOf(w));
    items.push(
      ...counters.map(
        (c): TransactItem => ({ Update: { TableName: this.tableName, Key: c.key, ...addExpression(c) } }),
      ),
    );
    if (items.length > 100) throw new Error(`a transaction holds at most 100 writes, got ${items.length}`);
    await this.sendUncontended(items, (item) => opOf[item] ?? item, given);
    for (const item of puts) this.remember(item);
    for (const [caseId, writes] of deadlines) {
      this.rememberKept(caseId, afterKeptWrites(kept.get(caseId) ?? noKeptDeadlines(), writes));
    }
  }

  /** A transaction, sent again while concurrent ones cancel it, at most CONTENDED_TRIES times in all. */
  private sendUncontended(items: TransactItem[], opOf: (item: number) => number, given: WriteOp[]) {
    return retryOnConflict(() => this.send(items, opOf, given), {
      ...CONTENDED_RETRY,
      retryIf: (conflict) => conflict instanceof ContendedTransaction,
    });
  }

  /** One TransactWriteItems; a cancellation is a ConflictError naming the op whose condition failed. */
  private async send(items: TransactItem[], opOf: (item: number) => number, given: WriteOp[]) {
    try {
      await this.doc.send(new TransactWriteCommand({ TransactItems: items }));
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const reasons = error.CancellationReasons ?? [];
      const item = reasons.findIndex((r) => r.Code === "ConditionalCheckFailed");
      if (item >= 0) {
        const failed = opOf(item);
        throw new ConflictError(`condition failed on ${given[failed]?.op ?? "a write"}`, failed);
      }
      if (reasons.some((r) => r.Code === "TransactionConflict")) {
        throw new ContendedTransaction("a concurrent transaction touched the same item");
      }
      throw error;
    }
  }

  /** The counter increments of a set of writes, from the records they replace. */
  private async counterChanges(ops: WriteOp[], origin: number[]): Promise<CounterWrite[]> {
    const changes = new CounterChanges();
    for (const [i, w] of ops.entries()) {
      if (w.op === "putOrganization") {
        const before =
          w.expectVersion === "absent"
            ? undefined
            : await this.versionOf<OrganizationRecord>(orgKey(w.organization.uscc), w.expectVersion);
        if (w.expectVersion !== "absent" && before?.version !== w.expectVersion) {
          throw new ConflictError("condition failed on putOrganization", origin[i]);
        }
        changes.organization(before, w.organization);
      } else if (w.op === "putAlert") {
        const before =
          w.expectVersion === "absent" || w.expectVersion === undefined
            ? undefined
            : await this.versionOf<AlertRecord>(alertKey(w.alert.alertId), w.expectVersion);
        if (typeof w.expectVersion === "number" && before?.version !== w.expectVersion) {
          throw new ConflictError("condition failed on putAlert", origin[i]);
        }
        changes.alert(before, w.alert);
      }
    }
    return changes.list();
  }

  /** A district's own counter items; a city's or province's are every division's within it, from the owner index. */
  async readCounters(division: string): Promise<Record<string, number>> {
    const level = divisionLevel(division);
    const within = level === "province" || level === "city" ? countersWithin(division, level) : undefined;
    const items = within
      ? await this.queryAll({
          IndexName: indexes.owner.name,
          KeyConditionExpression: "#p = :p AND begins_with(#s, :s)",
          ExpressionAttributeNames: { "#p": indexes.owner.partition, "#s": indexes.owner.sort },
          ExpressionAttributeValues: { ":p": within.pk, ":s": within.prefix },
        })
      : await this.ownCounters(division);
    const out: Record<string, number> = {};
    for (const item of items) {
      for (const [name, n] of Object.entries(item)) {
        if (typeof n === "number" && !KEY_ATTRS.has(name) && name !== TALLY) out[name] = (out[name] ?? 0) + n;
      }
    }
    return out;
  }

  /** The counter items a division keeps for its own records. */
  private ownCounters(division: string, options: { consistent?: boolean; limit?: number } = {}) {
    return this.countersOf(division, counterPrefix, options);
  }

  /** A division's counter items whose sort key starts with `prefix` (its own, or those of tables from before). */
  private countersOf(
    division: string,
    prefix: string,
    options: { consistent?: boolean; limit?: number; keysOnly?: boolean } = {},
  ) {
    return this.queryAll(
      {
        KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
        ExpressionAttributeValues: { ":pk": countersPk(division), ":prefix": prefix },
        ...(options.consistent ? { ConsistentRead: true } : {}),
        ...(options.limit ? { Limit: options.limit } : {}),
        ...(options.keysOnly ? { ProjectionExpression: "pk, sk" } : {}),
      },
      options.limit,
    );
  }

  /** Every organization and alert on the table, a page at a time (what the counters count). */
  private async *countedRecords(projection?: string): AsyncIterable<Item> {
    let start: Item | undefined;
    do {
      const out = await this.doc.send(
        new ScanCommand({
          TableName: this.tableName,
          FilterExpression: "#type IN (:org, :alert)",
          ExpressionAttributeNames: { "#type": "type", ...(projection ? { "#j": "jurisdiction" } : {}) },
          ExpressionAttributeValues: { ":org": "organization", ":alert": "alert" },
          ...(projection ? { ProjectionExpression: projection } : {}),
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      for (const item of (out.Items ?? []) as Item[]) yield item;
      start = out.LastEvaluatedKey as Item | undefined;
    } while (start);
  }

  async countersMissing(): Promise<boolean> {
    let start: Item | undefined;
    do {
      const out = await this.doc.send(
        new ScanCommand({
          TableName: this.tableName,
          FilterExpression: "#type = :org",
          ExpressionAttributeNames: { "#type": "type" },
          ExpressionAttributeValues: { ":org": "organization" },
          Limit: 500,
          ExclusiveStartKey: start,
        }),
      );
      const org = out.Items?.[0] as OrganizationRecord | undefined;
      if (org) return (await this.ownCounters(org.jurisdiction, { limit: 1 })).length === 0;
      start = out.LastEvaluatedKey as Item | undefined;
    } while (start);
    return false;
  }

  /**
   * Counts every division's statistics again from the organizations and alerts on the table. Each counter
   * item is read before the register is, and written only while its tally still stands: an item a write
   * touched meanwhile is counted again next round (a pause lets the writes pass), until `rounds` run out.
   * Then the items of tables from before, whose city and province items summed their districts, are dropped.
   */
  async rebuildCounters(rounds = 10) {
    // The divisions records belong to, the only ones that keep counter items.
    const divisions = new Set<string>();
    for await (const item of this.countedRecords("#j")) divisions.add(String(item.jurisdiction));
    const report = { organizations: 0, alerts: 0, divisions: 0 };
    // Left to write after a round: items whose tally moved, and divisions the register showed only during it.
    let items: Set<string> | undefined;
    let whole = new Set(divisions);
    for (let round = 1; ; round++) {
      const read = new Set(divisions);
      const held = new Map<string, Item>();
      for (const division of read) {
        for (const i of await this.ownCounters(division, { consistent: true }))
          held.set(`${i.pk}|${i.sk}`, i);
      }
      const changes = new CounterChanges();
      report.organizations = 0;
      report.alerts = 0;
      for await (const item of this.countedRecords()) {
        const record = strip<Item>(item) as Item;
        divisions.add(String(record.jurisdiction));
        if (item.type === "organization") {
          changes.organization(undefined, record as unknown as OrganizationRecord);
          report.organizations++;
        } else {
          changes.alert(undefined, record as unknown as AlertRecord);
          report.alerts++;
        }
      }
      const figures = new Map(changes.list().map((c) => [`${c.key.pk}|${c.key.sk}`, c.add]));
      const failed = new Set<string>();
      for (const id of new Set([...held.keys(), ...figures.keys()])) {
        const [pk, sk] = id.split("|") as [string, string];
        const { division, part } = counterOf({ pk, sk });
        if (!read.has(division) || !(whole.has(division) || items?.has(id))) continue;
        const found = held.get(id);
        const counts: Counters = {};
        for (const [name, n] of Object.entries(found ?? {})) {
          if (typeof n === "number" && !KEY_ATTRS.has(name) && name !== TALLY) counts[name] = 0;
        }
        Object.assign(counts, figures.get(id));
        const tally = typeof found?.[TALLY] === "number" ? (found[TALLY] as number) : undefined;
        try {
          await this.doc.send(
            new UpdateCommand({
              TableName: this.tableName,
              Key: { pk, sk },
              ...rebuildExpression(counterIndex(division, part), counts, tally),
            }),
          );
        } catch (error) {
          if ((error as Error).name !== "ConditionalCheckFailedException") throw error;
          failed.add(id);
        }
      }
      const unread = [...divisions].filter((d) => !read.has(d));
      if (failed.size === 0 && unread.length === 0) {
        report.divisions = await this.dropEarlierCounters(divisions);
        return report;
      }
      if (round >= rounds) {
        throw new ConflictError(
          `counter items kept changing while counted, ${rounds} times: ${[...failed].join(", ")}`,
        );
      }
      items = failed;
      whole = new Set(unread);
      await new Promise((r) => setTimeout(r, 50 * round));
    }
  }

  /** Drops the counter items tables from before kept, in these divisions and those above; returns how many divisions that is. */
  private async dropEarlierCounters(divisions: Set<string>): Promise<number> {
    const all = new Set([...divisions].flatMap(divisionsOf));
    const earlier: Item[] = [];
    for (const division of all)
      earlier.push(
        ...(await this.countersOf(division, earlierCounterPrefix, { consistent: true, keysOnly: true })),
      );
    await this.deleteAll(earlier.map((key) => ({ pk: key.pk, sk: key.sk })));
    return all.size;
  }

  /** Deletes items by key, 25 to a request, sending again through retryOnConflict what DynamoDB leaves unprocessed. */
  private async deleteAll(keys: Item[]): Promise<void> {
    for (let i = 0; i < keys.length; i += 25) {
      let requests = keys.slice(i, i + 25).map((Key) => ({ DeleteRequest: { Key } }));
      await retryOnConflict(async () => {
        const out = await this.doc.send(
          new BatchWriteCommand({ RequestItems: { [this.tableName]: requests } }),
        );
        const left = out.UnprocessedItems?.[this.tableName] as typeof requests | undefined;
        if (left && left.length > 0) {
          requests = left;
          throw new ConflictError(`${left.length} deletes left unprocessed`);
        }
      }, CONTENDED_RETRY);
    }
  }

  /**
   * Puts in transactions of at most 100 items (bulk loads: imports, benchmarks), each with the counts of
   * the organizations and alerts it adds, so the counters agree with the items at every moment. These
   * must be new (one that exists cancels its transaction); every other put overwrites what it finds.
   */
  async putMany(ops: WriteOp[], concurrency = 4): Promise<void> {
    const batches: { items: TransactItem[]; ops: WriteOp[] }[] = [];
    let puts: TransactItem[] = [];
    let batchOps: WriteOp[] = [];
    let changes = new CounterChanges();
    const counterUpdates = () =>
      changes
        .list()
        .map(
          (c): TransactItem => ({ Update: { TableName: this.tableName, Key: c.key, ...addExpression(c) } }),
        );
    const flush = () => {
      if (puts.length > 0) batches.push({ items: [...puts, ...counterUpdates()], ops: batchOps });
      puts = [];
      batchOps = [];
      changes = new CounterChanges();
    };
    for (const w of ops) {
      const put = this.toTransactItem(w).Put;
      if (!put) throw new Error(`putMany takes puts only, got ${w.op}`);
      const counted = w.op === "putOrganization" || w.op === "putAlert";
      // A counted record adds at most three counter items, all in its own division.
      if (puts.length + 1 + changes.list().length + (counted ? 3 : 0) > 100) flush();
      if (w.op === "putOrganization") changes.organization(undefined, w.organization);
      if (w.op === "putAlert") changes.alert(undefined, w.alert);
      batchOps.push(w);
      puts.push({
        Put: {
          TableName: this.tableName,
          Item: put.Item,
          ...(counted ? { ConditionExpression: "attribute_not_exists(pk)" } : {}),
        },
      });
    }
    flush();
    let next = 0;
    const worker = async () => {
      while (next < batches.length) {
        const batch = batches[next++] as { items: TransactItem[]; ops: WriteOp[] };
        await this.sendUncontended(batch.items, (item) => item, batch.ops);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
  }

  private async get<T>(key: Key): Promise<T | undefined> {
    const out = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }),
    );
    if (out.Item) this.remember(out.Item);
    this.rememberCaseItem(out.Item as Item | undefined);
    return strip<T>(out.Item);
  }

  /** A case's item as it is now, remembered for the deadlines it keeps. */
  private async readCaseItem(caseId: string): Promise<Item | undefined> {
    const out = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: caseKey(caseId), ConsistentRead: true }),
    );
    const item = out.Item as Item | undefined;
    this.rememberKept(caseId, keptDeadlinesOf(item));
    return item;
  }

  private rememberKept(caseId: string, kept: KeptDeadlines): void {
    keepRecent(this.keptStates, caseId, kept);
  }

  /** Remembers what a case item read whole (a consistent read) keeps. */
  private rememberCaseItem(item: Item | undefined): void {
    if (item?.type === "case") this.rememberKept(String(item.caseId), keptDeadlinesOf(item));
  }

  /** Keeps a copy of a counted record's version (the one a later write may replace); the oldest go first. */
  private remember(item: Item): void {
    if (item.type !== "organization" && item.type !== "alert") return;
    keepRecent(
      this.versions,
      `${item.pk}|${item.sk}|${item.version}`,
      structuredClone(strip<Item>(item) as Item),
    );
  }

  /** The record at `key` as it stood at `version`: remembered, or read (and then only if still that version). */
  private async versionOf<T extends { version: number }>(key: Key, version: number): Promise<T | undefined> {
    const kept = this.versions.get(`${key.pk}|${key.sk}|${version}`);
    return kept ? (kept as T) : this.get<T>(key);
  }

  private async queryAll(
    input: Omit<QueryCommandInput, "TableName">,
    max = Number.POSITIVE_INFINITY,
  ): Promise<Item[]> {
    const items: Item[] = [];
    let start: Item | undefined;
    do {
      const out = await this.doc.send(
        new QueryCommand({ TableName: this.tableName, ...input, ExclusiveStartKey: start }),
      );
      items.push(...((out.Items ?? []) as Item[]));
      start = out.LastEvaluatedKey as Item | undefined;
    } while (start && items.length < max);
    return items;
  }

  getIdempotency(principal: string, key: string) {
    return this.get<IdempotencyRecord>(idempotencyKey(principal, key));
  }

  async listNameHolds(jurisdiction: string) {
    const items = await this.queryAll({
      KeyConditionExpression: "pk = :pk",
      ExpressionAttributeValues: { ":pk": namesPk(jurisdiction) },
      ConsistentRead: true,
    });
    return items.map((i) => strip<NameHold>(i) as NameHold).filter((h) => h.holder !== "released");
  }

  getCase(caseId: string) {
    return this.get<CaseRecord>(caseKey(caseId));
  }

  async getCaseWithHistory(caseId: string) {
    const items = await this.queryAll({
      KeyConditionExpression: "pk = :pk",
      ExpressionAttributeValues: { ":pk": caseKey(caseId).pk },
      ConsistentRead: true,
    });
    const item = items.find((i) => i.type === "case");
    const record = strip<CaseRecord>(item);
    if (!record) return undefined;
    this.rememberCaseItem(item);
    return { record, timeline: caseTimeline(items), deadlines: caseDeadlines(items) };
  }

  async listCasesOf(owner: CaseOwner) {
    const items = await this.queryAll({
      IndexName: indexes.owner.name,
      KeyConditionExpression: "#p = :p AND begins_with(#s, :case)",
      ExpressionAttributeNames: { "#p": indexes.owner.partition, "#s": indexes.owner.sort },
      ExpressionAttributeValues: { ":p": ownerValue(owner), ":case": prefixes.case },
    });
    return items.map((i) => strip<CaseRecord>(i) as CaseRecord);
  }

  async listTimeline(subject: Subject) {
    if (subject.kind === "case") {
      const items = await this.queryAll({
        KeyConditionExpression: "pk = :pk",
        ExpressionAttributeValues: { ":pk": subjectPk(subject) },
        ConsistentRead: true,
      });
      return caseTimeline(items);
    }
    if (subject.kind === "identity") {
      // A person's partition holds their grants, with the events kept in them, and events from before.
      const items = await this.queryAll({
        KeyConditionExpression: "pk = :pk",
        ExpressionAttributeValues: { ":pk": subjectPk(subject) },
        ConsistentRead: true,
      });
      return keptTimeline(items, (i) => strip<TimelineEvent>(i) as TimelineEvent);
    }
    const items = await this.queryAll({
      KeyConditionExpression: "pk = :pk AND begins_with(sk, :e)",
      ExpressionAttributeValues: { ":pk": subjectPk(subject), ":e": prefixes.event },
      ConsistentRead: true,
    });
    return items.map((i) => strip<TimelineEvent>(i) as TimelineEvent);
  }

  async getTask(taskId: string) {
    const keeper = keepingCaseOf(taskId);
    if (!keeper) return this.get<TaskRecord>(taskKey(taskId));
    const item = await this.readCaseItem(keeper);
    return item?.[keptTaskAttribute(taskId)] as TaskRecord | undefined;
  }

  listQueue(jurisdiction: string, queue: Queue, status: TaskStatus) {
    return this.tasksIn("queue", queueValue(jurisdiction, queue, status));
  }

  listUnitQueue(unit: string, queue: Queue, status: TaskStatus) {
    return this.tasksIn("owner", unitQueueValue(unit, queue, status));
  }

  /** The tasks of one queue partition, in its sort order. */
  private async tasksIn(index: "queue" | "owner", partition: string): Promise<TaskRecord[]> {
    const items = await this.queryAll({
      IndexName: indexes[index].name,
      KeyConditionExpression: "#p = :p",
      ExpressionAttributeNames: { "#p": indexes[index].partition },
      ExpressionAttributeValues: { ":p": partition },
    });
    return items.map((i) => (i.type === "case" ? queuedTaskOf(i) : (strip<TaskRecord>(i) as TaskRecord)));
  }

  /**
   * One update of a case's item that leaves the case as it is: the tasks it keeps (the case's queue entry
   * where the last stands, a closed one's answer pending) and the deadlines it keeps, each under its condition.
   */
  private caseItemUpdate(caseId: string, tasks: KeptTaskWrite[], deadlines?: UpdateParts): TransactItem {
    const last = tasks.at(-1)?.task;
    const answer = last ? pendingAnswerOf(last) : undefined;
    const queue = last ? queueIndex.task(last) : undefined;
    const due = answer ? dueIndex(caseKey(caseId), answer.retryAt) : undefined;
    const own: UpdateParts = { sets: [], conditions: ["attribute_exists(pk)"], names: {}, values: {} };
    if (queue) {
      own.sets.push("#qp = :qp", "#qs = :qs");
      Object.assign(own.names, { "#qp": indexes.queue.partition, "#qs": indexes.queue.sort });
      Object.assign(own.values, { ":qp": queue.pk, ":qs": queue.sk });
    }
    if (due) {
      own.sets.push("pendingAnswer = :pa", "#dp = :dp", "#ds = :ds");
      Object.assign(own.names, { "#dp": indexes.due.partition, "#ds": indexes.due.sort });
      Object.assign(own.values, { ":pa": answer, ":dp": due.pk, ":ds": due.sk });
    }
    return updateOf(this.tableName, caseKey(caseId), mergedParts(own, keptTaskSets(tasks), deadlines));
  }

  /** The deadlines due by `now` that the case items on a page of the deadlines index keep (the index keeps keys only). */
  private async keptDeadlinesDue(entries: Item[], now: string): Promise<DueItem[]> {
    const due: DueItem[] = [];
    for (let i = 0; i < entries.length; i += 100) {
      let keys: Item[] | undefined = entries.slice(i, i + 100).map((e) => ({ pk: e.pk, sk: e.sk }));
      while (keys && keys.length > 0) {
        const out = await this.doc.send(
          new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: keys, ConsistentRead: true } } }),
        );
        for (const item of (out.Responses?.[this.tableName] ?? []) as Item[]) {
          this.rememberCaseItem(item);
          for (const d of keptDeadlinesOf(item).deadlines.values()) {
            if (d.nextFireAt && Date.parse(d.nextFireAt) <= Date.parse(now)) {
              due.push({ kind: "deadline", deadline: d });
            }
          }
        }
        keys = out.UnprocessedKeys?.[this.tableName]?.Keys as Item[] | undefined;
      }
    }
    return due;
  }

  async clearTaskSignal(taskId: string) {
    const keeper = keepingCaseOf(taskId);
    // A case that changed since no longer holds the answer: its workflow moved on.
    if (keeper) {
      await this.removeFromCase(
        keeper,
        "pendingAnswer",
        "pendingAnswer.taskId = :id AND attribute_not_exists(pendingStart)",
        {
          ":id": taskId,
        },
      );
      return;
    }
    await this.doc.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: taskKey(taskId),
        UpdateExpression: "REMOVE #p, #s",
        ConditionExpression: "attribute_exists(pk)",
        ExpressionAttributeNames: { "#p": indexes.due.partition, "#s": indexes.due.sort },
      }),
    );
  }

  async clearPendingStart(caseId: string) {
    if (await this.removeFromCase(caseId, "pendingStart", "attribute_exists(pendingStart)")) return;
    // A start recorded before starts went with their cases has an item of its own.
    await this.doc.send(new DeleteCommand({ TableName: this.tableName, Key: pendingStartKey(caseId) }));
  }

  /** Takes what a case item keeps on the due index off it, under a condition; false if the condition failed. */
  private async removeFromCase(caseId: string, attribute: string, condition: string, values?: Item) {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: caseKey(caseId),
          UpdateExpression: `REMOVE ${attribute}, #p, #s`,
          ConditionExpression: condition,
          ExpressionAttributeNames: { "#p": indexes.due.partition, "#s": indexes.due.sort },
          ...(values ? { ExpressionAttributeValues: values } : {}),
        }),
      );
      return true;
    } catch (error) {
      if ((error as Error).name !== "ConditionalCheckFailedException") throw error;
      return false;
    }
  }

  getDeadline(ref: DeadlineRef) {
    return this.deadlineAt(deadlineKey(ref));
  }

  /** The deadline at `key`: kept in its case's item, or in an item of its own. */
  private async deadlineAt(key: Key): Promise<DeadlineRecord | undefined> {
    const caseId = keptDeadlineCase(key);
    if (caseId) {
      const item = await this.readCaseItem(caseId);
      const kept = item?.[key.sk] as DeadlineRecord | undefined;
      if (kept) return kept;
    }
    return this.get<DeadlineRecord>(key);
  }

  async listDeadlines(subject: Subject) {
    if (subject.kind === "case") {
      const items = await this.queryAll({
        KeyConditionExpression: "pk = :pk",
        ExpressionAttributeValues: { ":pk": subjectPk(subject) },
        ConsistentRead: true,
      });
      this.rememberCaseItem(items.find((i) => i.type === "case"));
      return caseDeadlines(items);
    }
    const items = await this.queryAll({
      KeyConditionExpression: "pk = :pk AND begins_with(sk, :dl)",
      ExpressionAttributeValues: { ":pk": subjectPk(subject), ":dl": prefixes.deadline },
      ConsistentRead: true,
    });
    return items.map((i) => strip<DeadlineRecord>(i) as DeadlineRecord);
  }

  /** The due index's shards, then the deadlines index's: one sweep reads both, shard by shard. */
  readonly dueShards = DUE_SHARDS * 2;

  async listDue(now: string, page: { shard: number; after?: string; limit?: number }) {
    const keptShard = page.shard >= DUE_SHARDS;
    const index = keptShard ? indexes.deadlines : indexes.due;
    const out = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: index.name,
        KeyConditionExpression: "#p = :p AND #s <= :bound",
        ExpressionAttributeNames: { "#p": index.partition, "#s": index.sort },
        ExpressionAttributeValues: {
          ":p": dueShardValue(keptShard ? page.shard - DUE_SHARDS : page.shard),
          ":bound": dueBound(now),
        },
        Limit: page.limit ?? 500,
        ...(page.after ? { ExclusiveStartKey: decodeCursor(page.after) } : {}),
      }),
    );
    const items = keptShard
      ? await this.keptDeadlinesDue((out.Items ?? []) as Item[], now)
      : ((out.Items ?? []) as Item[]).map(dueItem);
    return out.LastEvaluatedKey ? { items, next: encodeCursor(out.LastEvaluatedKey) } : { items };
  }

  async listOrganizations(jurisdiction: string, page: { after?: string; limit?: number } = {}) {
    const out = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: indexes.owner.name,
        KeyConditionExpression: "#p = :p AND begins_with(#s, :org)",
        ExpressionAttributeNames: { "#p": indexes.owner.partition, "#s": indexes.owner.sort },
        ExpressionAttributeValues: { ":p": jurisdictionValue(jurisdiction), ":org": prefixes.org },
        Limit: page.limit ?? 500,
        ...(page.after ? { ExclusiveStartKey: decodeCursor(page.after) } : {}),
      }),
    );
    const items = (out.Items ?? []).map((i) => strip<OrganizationRecord>(i) as OrganizationRecord);
    const next = out.LastEvaluatedKey ? encodeCursor(out.LastEvaluatedKey) : undefined;
    return next ? { items, next } : { items };
  }

  async putAllIfAbsent(ops: WriteOp[], concurrency = 16): Promise<number> {
    let written = 0;
    let next = 0;
    const worker = async () => {
      while (next < ops.length) {
        const op = ops[next++] as WriteOp;
        // An organization or alert goes with its counts, in a transaction of its own.
        if (op.op === "putOrganization" || op.op === "putAlert") {
          try {
            await this.transact([{ ...op, expectVersion: "absent" }]);
            written++;
          } catch (error) {
            if (!(error instanceof ConflictError) || error.failedOp !== 0) throw error;
          }
          continue;
        }
        const put = this.toTransactItem(op).Put;
        if (!put) throw new Error("putAllIfAbsent takes puts only");
        try {
          await this.doc.send(
            new PutCommand({
              TableName: this.tableName,
              Item: put.Item,
              ConditionExpression: "attribute_not_exists(pk)",
            }),
          );
          written++;
        } catch (error) {
          if ((error as Error).name !== "ConditionalCheckFailedException") throw error;
        }
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    return written;
  }

  async searchOrganizationsByName(text: string, limit = 20) {
    const key = nameSearchKey(text);
    if (!key) return [];
    const items = await this.queryAll(
      {
        IndexName: indexes.queue.name,
        KeyConditionExpression: "#p = :p AND begins_with(#s, :s)",
        ExpressionAttributeNames: { "#p": indexes.queue.partition, "#s": indexes.queue.sort },
        ExpressionAttributeValues: { ":p": organizationNameValue(key), ":s": key },
        Limit: limit,
      },
      limit,
    );
    return items.slice(0, limit).map((i) => strip<OrganizationRecord>(i) as OrganizationRecord);
  }

  getOrganization(uscc: string) {
    return this.get<OrganizationRecord>(orgKey(uscc));
  }

  getSeason(jurisdiction: string, year: number) {
    return this.get<AnnualReportSeason>(seasonKey(jurisdiction, year));
  }

  async listSeasons(jurisdiction: string) {
    const items = await this.queryAll({
      KeyConditionExpression: "pk = :pk AND begins_with(sk, :y)",
      ExpressionAttributeValues: { ":pk": seasonsPk(jurisdiction), ":y": prefixes.season },
      ScanIndexForward: false,
      ConsistentRead: true,
    });
    return items.map((i) => strip<AnnualReportSeason>(i) as AnnualReportSeason);
  }

  async getCertificates(uscc: string) {
    const [organization, items] = await Promise.all([
      this.doc.send(
        new GetCommand({
          TableName: this.tableName,
          Key: orgKey(uscc),
          ProjectionExpression: "#c",
          ExpressionAttributeNames: { "#c": KEPT_LISTS.certificates },
        }),
      ),
      this.queryAll({
        KeyConditionExpression: "pk = :pk AND begins_with(sk, :c)",
        ExpressionAttributeValues: { ":pk": orgKey(uscc).pk, ":c": prefixes.certificate },
      }),
    ]);
    // Those issued with the organization sit in its item; those from before in items of their own.
    const kept = (organization.Item?.[KEPT_LISTS.certificates] ?? []) as CertificateRecord[];
    const separate = items.map((i) => strip<CertificateRecord>(i) as CertificateRecord);
    const order = (c: CertificateRecord) => `${c.issuedOn}#${c.caseId}`;
    return [...kept, ...separate].sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
  }

  async listAlerts(jurisdiction: string, status: AlertRecord["status"]) {
    const items = await this.queryAll({
      IndexName: indexes.queue.name,
      KeyConditionExpression: "#p = :p",
      ExpressionAttributeNames: { "#p": indexes.queue.partition },
      ExpressionAttributeValues: { ":p": alertsValue(jurisdiction, status) },
    });
    for (const item of items) this.remember(item);
    return items.map((i) => strip<AlertRecord>(i) as AlertRecord);
  }

  async getNotification(id: string) {
    const item = await this.get<Item>(outboxKey(id));
    return item ? notificationOf(item) : undefined;
  }

  async getOutbox(deliveryId: string) {
    const n = await this.getNotification(notificationIdOf(deliveryId));
    return n ? outboxMessages(n).find((m) => m.id === deliveryId) : undefined;
  }

  async listOutboxTo(to: string) {
    // An email address is on the owner index, a phone on the queue index (and any address of an older item on the owner index).
    const byIndex = await Promise.all(
      [indexes.owner, indexes.queue].map((index) =>
        this.queryAll({
          IndexName: index.name,
          KeyConditionExpression: "#p = :p",
          ExpressionAttributeNames: { "#p": index.partition },
          ExpressionAttributeValues: { ":p": recipientValue(to) },
        }),
      ),
    );
    return byIndex
      .flat()
      .flatMap((item) => outboxMessages(notificationOf(item)).filter((m) => m.to === to))
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  }

  async nextSequence(name: string, blocks?: SequenceBlocks) {
    if (!blocks) return this.advanceSequence(name, 1);
    for (;;) {
      const block = this.sequenceBlocks.get(name);
      if (block && block.next <= block.last) return block.next++;
      // Callers that find the block used up wait for one reservation between them.
      let reserving = this.reservingBlocks.get(name);
      if (!reserving) {
        const size = block ? blocks.later : blocks.first;
        reserving = this.advanceSequence(name, size)
          .then((last) => {
            this.sequenceBlocks.set(name, { next: last - size + 1, last });
          })
          .finally(() => this.reservingBlocks.delete(name));
        this.reservingBlocks.set(name, reserving);
      }
      await reserving;
    }
  }

  /** Adds `n` to a sequence in one atomic update; the numbers up to the value it returns are the caller's. */
  private async advanceSequence(name: string, n: number): Promise<number> {
    const out = await this.doc.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: sequenceKey(name),
        UpdateExpression: "ADD #n :n SET #t = :t",
        ExpressionAttributeNames: { "#n": "value", "#t": "type" },
        ExpressionAttributeValues: { ":n": n, ":t": "sequence" },
        ReturnValues: "UPDATED_NEW",
      }),
    );
    return Number(out.Attributes?.value);
  }

  async listGrants(who: { issuer: string; sub: string }) {
    const items = await this.queryAll({
      KeyConditionExpression: "pk = :pk AND begins_with(sk, :g)",
      ExpressionAttributeValues: { ":pk": identityPk(who), ":g": prefixes.grant },
      ConsistentRead: true,
    });
    return items.map((i) => strip<GrantRecord>(i) as GrantRecord);
  }

  async listInvitations(email: string) {
    const items = await this.queryAll({
      KeyConditionExpression: "pk = :pk",
      ExpressionAttributeValues: { ":pk": invitationPk(email) },
      ConsistentRead: true,
    });
    return items.map((i) => strip<InvitationRecord>(i) as InvitationRecord);
  }

  async listCalendarNotices() {
    const items = await this.queryAll({
      KeyConditionExpression: "pk = :pk",
      ExpressionAttributeValues: { ":pk": calendarPartition },
    });
    return items.map((i) => strip<CalendarNoticeRecord>(i) as CalendarNoticeRecord);
  }

  async listProvisionalDeadlines() {
    const marks = await this.queryAll({
      KeyConditionExpression: "pk = :pk",
      ExpressionAttributeValues: { ":pk": provisionalPartition },
    });
    const found: DeadlineRecord[] = [];
    // A few reads at a time: at the turn of a year a district may hold a season's worth of marks.
    for (let i = 0; i < marks.length; i += 16) {
      const page = await Promise.all(
        marks
          .slice(i, i + 16)
          .map((m) => this.deadlineAt(markedDeadlineKey(m as { deadlinePk: string; deadlineSk: string }))),
      );
      for (const d of page) if (d) found.push(d);
    }
    return found;
  }

  async getSetting<T>(name: string) {
    const item = await this.get<{ value: T }>(settingKey(name));
    return item?.value;
  }

  async putSetting<T>(name: string, value: T) {
    await this.doc.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...settingKey(name), type: "setting", value },
      }),
    );
  }

  get table(): string {
    return this.tableName;
  }
}
