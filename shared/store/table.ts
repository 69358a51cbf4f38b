/**
 * The one table, as both runtimes create it (CDK in infra/aws, the launcher in infra/local).
 *
 * Items and keys (pk / sk):
 * - organization     ORG#<uscc> / ORG
 * - org's public uscc USCC#<uscc> is the organization's own pk, so a USCC is never issued twice
 * - case             CASE#<caseId> / CASE          owner index: OWNER#<owner> / CASE#<createdAt>
 * - timeline event   CASE#<caseId> / EVT#<at>#<seq>      (append-only: the audit record)
 * - task             TASK#<taskId> / TASK          queue index while open
 * - deadline         <subject pk> / DL#<kind>#<ref>      due index while it has a next firing
 * - outbox message   OUTBOX#<id> / OUTBOX          due index while pending
 * - idempotency      IDEM#<principal>#<key> / IDEM  (expires by TTL)
 * - counter          SEQ#<name> / SEQ
 * - certificate      ORG#<uscc> / CERT#<issuedOn>
 * - alert            ALERT#<alertId> / ALERT    queue index ALERTS#<jurisdiction>#<status> by severity, then age
 *
 * Access patterns:
 * - an organization and everything about it: query ORG#<uscc>, and the owner index OWNER#<uscc>
 * - a case with its timeline and deadlines: query CASE#<caseId>
 * - a regulator's queue, oldest due first: queue index Q#<jurisdiction>#<queue> sorted by <dueDate>#<taskId>
 * - open alerts of a jurisdiction by severity: queue index ALERTS#<jurisdiction>#open
 * - the sweep: due index DUE#<shard> with sk <next firing instant> <= now, for each shard
 * - a registrant's cases before a USCC exists: owner index OWNER#SUB#<sub>
 */
export const TABLE_NAME_DEFAULT = "socorg";

export const keys = { partition: "pk", sort: "sk" } as const;

export const indexes = {
  queue: { name: "queue", partition: "qpk", sort: "qsk" },
  due: { name: "due", partition: "duepk", sort: "duesk" },
  owner: { name: "owner", partition: "opk", sort: "osk" },
} as const;

export const ttlAttribute = "expiresAt";

/** The due index is sharded so that one day's deadlines never sit in one partition. */
export const DUE_SHARDS = 16;

export type IndexName = keyof typeof indexes;
