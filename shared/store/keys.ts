import type { DeadlineRef, Queue, Subject, TaskRecord, TaskStatus } from "../domain/cases/records.js";
import { nameSearchKey } from "../domain/organizations/name-search.js";
import { type AlertRecord, SEVERITY_ORDER } from "../domain/risk/alerts.js";
import type { CaseOwner } from "../ports/store.js";
import { DUE_SHARDS } from "./table.js";

/**
 * Every key and index value of the table. Nothing outside shared/store spells one: use cases name
 * records by their domain identities, and the adapter turns those into keys here.
 */

export interface Key {
  pk: string;
  sk: string;
}

/** The partition of a subject: a case's items, or an organization's. */
export function subjectPk(s: Subject): string {
  switch (s.kind) {
    case "case":
      return `CASE#${s.caseId}`;
    case "organization":
      return `ORG#${s.uscc}`;
    case "identity":
      return identityPk(s);
  }
}

/** A person's partition: their grants and the audit timeline of them. */
export const identityPk = (who: { issuer: string; sub: string }): string => `IDENT#${who.issuer}#${who.sub}`;
export const grantKey = (who: { issuer: string; sub: string }, scopeId: string): Key => ({
  pk: identityPk(who),
  sk: `GRANT#${scopeId}`,
});
/** Invitations wait under the address they were sent to, one per organization. */
export const invitationPk = (email: string): string => `INVITE#${email}`;
export const invitationKey = (email: string, uscc: string): Key => ({
  pk: invitationPk(email),
  sk: `ORG#${uscc}`,
});

export const caseKey = (caseId: string): Key => ({ pk: `CASE#${caseId}`, sk: "CASE" });
export const pendingStartKey = (caseId: string): Key => ({ pk: `CASE#${caseId}`, sk: "START" });
export const taskKey = (taskId: string): Key => ({ pk: `TASK#${taskId}`, sk: "TASK" });
/** A task kept in its case's item sits there in an attribute named by its id. */
export const KEPT_TASK_PREFIX = "TASK#";
export const keptTaskAttribute = (taskId: string): string => `${KEPT_TASK_PREFIX}${taskId}`;
/**
 * A deadline item's sort-key prefix; a case's own deadline is kept in the case's item, in an attribute
 * named as its item's sort key would be.
 */
export const KEPT_DEADLINE_PREFIX = "DL#";
/** The case whose item would keep the deadline at `key`, when its subject is a case. */
export const keptDeadlineCase = (key: Key): string | undefined =>
  key.pk.startsWith("CASE#") && key.sk.startsWith(KEPT_DEADLINE_PREFIX)
    ? key.pk.slice("CASE#".length)
    : undefined;
export const orgKey = (uscc: string): Key => ({ pk: `ORG#${uscc}`, sk: "ORG" });
export const certificateKey = (uscc: string, issuedOn: string, caseId: string): Key => ({
  pk: `ORG#${uscc}`,
  sk: `CERT#${issuedOn}#${caseId}`,
});
/** Shards of a division's busiest counter item, so concurrent organization writes seldom touch the same one. */
export const COUNTER_SHARDS = 16;
export const countersPk = (division: string): string => `STATS#${division}`;
/** Counts of a division's own records; the `CTR#` items of tables from before also summed its districts'. */
export const counterPrefix = "OWN#";
export const earlierCounterPrefix = "CTR#";
export const counterKey = (division: string, part: string): Key => ({
  pk: countersPk(division),
  sk: `${counterPrefix}${part}`,
});
/**
 * Owner index values of a counter item: every division's items sit in its province's partition, sorted by
 * division code, so a province reads that partition and a city the range of its code's first four digits.
 */
export const counterIndex = (division: string, part: string): Key => ({
  pk: `STATSIN#${division.slice(0, 2)}0000`,
  sk: `${division}#${part}`,
});
/** The division and part a counter item's key names. */
export function counterOf(key: Key): { division: string; part: string } {
  return { division: key.pk.slice(countersPk("").length), part: key.sk.slice(counterPrefix.length) };
}
/** The owner index range of the counter items of `division` and every division within it. */
export const countersWithin = (division: string, level: "province" | "city") => ({
  pk: counterIndex(division, "").pk,
  prefix: division.slice(0, level === "province" ? 2 : 4),
});
export function counterShard(id: string): number {
  let h = 0;
  for (let i = 0; i < id.length; i++) h = (h * 31 + id.charCodeAt(i)) >>> 0;
  return h % COUNTER_SHARDS;
}
/** The marker that makes an annual report unique per organization and year. */
export const reportMarkerKey = (uscc: string, year: number): Key => ({
  pk: `ORG#${uscc}`,
  sk: `AIR#${year}`,
});
/** The marker that lets an organization have one assessment open at a time. */
export const assessmentMarkerKey = (uscc: string): Key => ({ pk: `ORG#${uscc}`, sk: "ASSESSMENT#OPEN" });
/** An annual-report season of a jurisdiction, by its report year; a jurisdiction's seasons share a partition. */
export const seasonsPk = (jurisdiction: string): string => `SEASON#${jurisdiction}`;
export const seasonKey = (jurisdiction: string, year: number): Key => ({
  pk: seasonsPk(jurisdiction),
  sk: `YEAR#${year}`,
});
export const outboxKey = (id: string): Key => ({ pk: `OUTBOX#${id}`, sk: "OUTBOX" });
export const alertKey = (alertId: string): Key => ({ pk: `ALERT#${alertId}`, sk: "ALERT" });
export const idempotencyKey = (principal: string, key: string): Key => ({
  pk: `IDEM#${principal}#${key}`,
  sk: "IDEM",
});
export const sequenceKey = (name: string): Key => ({ pk: `SEQ#${name}`, sk: "SEQ" });
export const settingKey = (name: string): Key => ({ pk: `SETTING#${name}`, sk: "SETTING" });
export const deadlineKey = (d: DeadlineRef): Key => ({
  pk: subjectPk(d.subject),
  sk: `DL#${d.kind}#${d.ref}`,
});
/** A year's official holiday notice; all of them sit in one partition, read together. */
export const calendarPartition = "CALENDAR";
export const calendarNoticeKey = (year: number): Key => ({ pk: calendarPartition, sk: `YEAR#${year}` });
/** The mark of a deadline whose due date is provisional, in one partition that loading a calendar reads. */
export const provisionalPartition = "PROVISIONAL";
export const provisionalDateKey = (d: DeadlineRef): Key => {
  const of = deadlineKey(d);
  return { pk: provisionalPartition, sk: `${of.pk}|${of.sk}` };
};
/** The deadline a provisional mark names. */
export const markedDeadlineKey = (mark: { deadlinePk: string; deadlineSk: string }): Key => ({
  pk: mark.deadlinePk,
  sk: mark.deadlineSk,
});

/** A timeline event; the suffix keeps two events of the same instant apart. */
export const eventKey = (s: Subject, at: string, suffix: string): Key => ({
  pk: subjectPk(s),
  sk: `EVT#${at}#${suffix}`,
});

/** Sort-key prefixes of the items a subject's partition holds. */
export const prefixes = {
  event: "EVT#",
  deadline: KEPT_DEADLINE_PREFIX,
  certificate: "CERT#",
  case: "CASE#",
  org: "ORG#",
  grant: "GRANT#",
  season: "YEAR#",
} as const;

/** A case is read by its applicant's sub until a USCC exists, and by the organization after. */
export const ownerValue = (o: CaseOwner): string =>
  "uscc" in o ? `OWNER#${o.uscc}` : `OWNER#SUB#${o.applicantSub}`;

/** Values of the owner index (opk / osk). */
export const ownerIndex = {
  case: (c: { uscc?: string; applicantSub: string; createdAt: string; caseId: string }) => ({
    pk: ownerValue(c.uscc ? { uscc: c.uscc } : { applicantSub: c.applicantSub }),
    sk: `CASE#${c.createdAt}#${c.caseId}`,
  }),
  organization: (o: { jurisdiction: string; uscc: string }) => ({
    pk: jurisdictionValue(o.jurisdiction),
    sk: `ORG#${o.uscc}`,
  }),
  /** A task on a supervisory unit's queue, sorted as on the jurisdiction's queue index. */
  unitTask: (t: TaskRecord & { supervisoryUnit: string }) => ({
    pk: unitQueueValue(t.supervisoryUnit, t.queue, t.status),
    sk: queueIndex.task(t).sk,
  }),
  /** An outbox item by its email address (or, written one per message before notifications, by its one address). */
  outbox: (to: string, m: { createdAt: string; id: string }) => ({
    pk: recipientValue(to),
    sk: `${m.createdAt}#${m.id}`,
  }),
} as const;

export const jurisdictionValue = (jurisdiction: string): string => `JUR#${jurisdiction}`;
export const recipientValue = (to: string): string => `TO#${to}`;

/** Values of the queue index (qpk / qsk). */
export const queueValue = (jurisdiction: string, queue: Queue, status: TaskStatus): string =>
  `Q#${jurisdiction}#${queue}#${status}`;
/** A supervisory unit's queue (owner index), beside the jurisdiction's queue its regulators read. */
export const unitQueueValue = (unit: string, queue: Queue, status: TaskStatus): string =>
  `UQ#${unit}#${queue}#${status}`;
export const alertsValue = (jurisdiction: string, status: AlertRecord["status"]): string =>
  `ALERTS#${jurisdiction}#${status}`;

/** The public lookup by name: by the first character of the name people search by (nameSearchKey). */
export const organizationNameValue = (searchKey: string): string => `ORGNAME#${searchKey.slice(0, 1)}`;

export const queueIndex = {
  /** An organization sorts by the name people search by, so a prefix of it finds the organization. */
  organizationName: (o: { name: string; uscc: string }) => {
    const searchKey = nameSearchKey(o.name);
    return { pk: organizationNameValue(searchKey), sk: `${searchKey}#${o.uscc}` };
  },
  /** An open task sorts by its due date; a decided or expired one by when it left the queue. */
  task: (t: TaskRecord) => ({
    pk: queueValue(t.jurisdiction, t.queue, t.status),
    sk: t.status === "open" ? `${t.dueDate}#${t.taskId}` : `${t.decidedAt ?? t.openedAt}#${t.taskId}`,
  }),
  /** An outbox item by its phone, beside its email address on the owner index; sorted as there. */
  outboxPhone: (phone: string, m: { createdAt: string; id: string }) => ownerIndex.outbox(phone, m),
  /** Alerts sort by severity, then age. */
  alert: (a: AlertRecord) => ({
    pk: alertsValue(a.jurisdiction, a.status),
    sk: `${SEVERITY_ORDER[a.severity]}#${a.raisedAt}#${a.alertId}`,
  }),
} as const;

/** Spreads items over the due index's shards by a stable hash of their key. */
export function dueShard(key: string): number {
  let h = 0;
  for (let i = 0; i < key.length; i++) h = (h * 31 + key.charCodeAt(i)) >>> 0;
  return h % DUE_SHARDS;
}

export const dueShardValue = (shard: number): string => `DUE#${shard}`;

/** Values of the due index (duepk / duesk) for an item whose next firing is at `at`. */
export const dueIndex = (key: Key, at: string) => ({
  pk: dueShardValue(dueShard(`${key.pk}|${key.sk}`)),
  sk: `${new Date(at).toISOString()}#${key.pk}#${key.sk}`,
});

/** The bound of a due-index query: every item due at or before `now`. */
export const dueBound = (now: string): string => `${new Date(now).toISOString()}#\uffff`;

/** The local engine's execution records, and the owner-index value of those still running or waiting. */
export const executionKey = (name: string): Key => ({ pk: `LOCALEXEC#${name}`, sk: "EXEC" });
export const activeExecutionsValue = "LOCALEXEC#ACTIVE";

/** The names a jurisdiction holds, one item per normalized name (名称核准). */
export const namesPk = (jurisdiction: string): string => `NAME#${jurisdiction}`;
export const nameHoldKey = (jurisdiction: string, normalizedName: string): Key => ({
  pk: namesPk(jurisdiction),
  sk: normalizedName,
});
