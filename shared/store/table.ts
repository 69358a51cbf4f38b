/**
 * The one table, as both runtimes create it (CDK in infra/aws, the launcher in infra/local). Every key
 * and index value is built in ./keys.ts; nothing outside shared/store spells one.
 *
 * Items by `type` (pk / sk; index entries):
 * - organization     ORG#<uscc> / ORG                 owner index JUR#<jurisdiction> / ORG#<uscc>; `certificates`
 *                                                     holds those issued in the transaction that wrote it first
 *                                                     (appended, never rewritten; see ./kept-lists.ts)
 * - certificate      ORG#<uscc> / CERT#<issuedOn>#<caseId>  one issued without its organization, and from before
 * - report_marker    ORG#<uscc> / AIR#<year>          one annual report per organization and year
 * - assessment_marker ORG#<uscc> / ASSESSMENT#OPEN  one assessment open per organization (status open | closed)
 * - season           SEASON#<jurisdiction> / YEAR#<year>  an annual-report season (年检季) as opened
 * - case             CASE#<caseId> / CASE             owner index OWNER#<uscc> or OWNER#SUB#<sub> / CASE#<createdAt>#<caseId>;
 *                                                     due index at its `pendingStart`'s retry instant until the first
 *                                                     change its workflow makes, and at a closed task's `pendingAnswer`
 *                                                     retry instant until the next change; `timeline` holds the events of
 *                                                     the transactions that wrote the case (appended, never rewritten);
 *                                                     the tasks it keeps in attributes TASK#<taskId> (ids <T…>-<caseId>),
 *                                                     queue index where the last of them stands, as a task item would;
 *                                                     its own deadlines in attributes DL#<kind>#<ref>, deadlines index
 *                                                     at the earliest next firing among them, `deadlinesRevision`
 *                                                     counting their writes (see ./kept-deadlines.ts)
 * - pending_start    CASE#<caseId> / START            due index at its retry instant, until the start went through (a
 *                                                     start written without its case; tables from before keep some)
 * - event            <subject pk> / EVT#<at>#<suffix>  a subject's timeline (append-only: the audit record); a case's
 *                                                     only for events written without the case, and from before; a
 *                                                     person's only from before their grants kept them
 * - deadline         <subject pk> / DL#<kind>#<ref>   due index while it has a next firing; an organization's, and a
 *                                                     case's from before cases kept theirs
 * - task             TASK#<taskId> / TASK             a task on a supervisory unit's queue (the case item's owner index
 *                                                     is taken by its case), or one from before cases kept their tasks;
 *                                                     queue index Q#<jurisdiction>#<queue>#<status>; due index until a
 *                                                     decided task's answer reached its workflow; on a supervisory
 *                                                     unit's queue also owner index UQ#<unit>#<queue>#<status>
 * - outbox           OUTBOX#<id> / OUTBOX             one notification to one party with a delivery per channel and
 *                                                     address: owner index TO#<email>, queue index TO#<phone>; due
 *                                                     index at its earliest pending delivery (after any lease); one
 *                                                     written per message before keeps owner index TO#<address>
 * - alert            ALERT#<alertId> / ALERT          queue index ALERTS#<jurisdiction>#<status> by severity, then age
 * - idempotency      IDEM#<principal>#<key> / IDEM    (expires by TTL)
 * - name_hold        NAME#<jurisdiction> / <normalized name>  held by a case or a USCC (名称核准); a registered
 *                                                     organization's name by its registration case until a change of
 *                                                     name hands it to the USCC; released ones stay
 * - sequence         SEQ#<name> / SEQ                 `value` is the last number taken or reserved
 * - grant            IDENT#<issuer>#<sub> / GRANT#<scope>  what a person may do (org:<uscc>, regulator:<code> …);
 *                                                     `timeline` holds the audit events of its changes (appended,
 *                                                     never rewritten), on the person's timeline
 * - invitation       INVITE#<email> / ORG#<uscc>      taken by the first sign-in with that verified address
 * - counters         STATS#<division> / OWN#base#<shard>, OWN#grade, OWN#list   the counts of a division's own
 *                                                     organizations and alerts, kept in the transactions that change
 *                                                     them; owner index STATSIN#<province> / <division>#<part>;
 *                                                     `writes` tallies the writes an item took (a rebuild's fence);
 *                                                     tables from before hold CTR#… items, which the rebuild drops
 * - setting          SETTING#<name> / SETTING         the local clock, the local provider's key
 * - calendar_notice  CALENDAR / YEAR#<year>           an official holiday notice an admin loaded
 * - provisional_date PROVISIONAL / <deadline pk>|<deadline sk>  an open deadline counted through a year
 *                                                     without its calendar; written with the deadline
 * - local_execution  LOCALEXEC#<name> / EXEC          owner index LOCALEXEC#ACTIVE while running or waiting (local engine only)
 * A subject pk is CASE#<caseId> for a case, ORG#<uscc> for an organization, IDENT#<issuer>#<sub> for a person.
 *
 * Access patterns:
 * - an organization's timeline, deadlines, certificates: query ORG#<uscc> by sk prefix (certificates: with the
 *   organization item's own)
 * - a case with its timeline and deadlines: query CASE#<caseId> (the case item, and items from before)
 * - an applicant's cases: owner index OWNER#SUB#<sub> (before a USCC exists), OWNER#<uscc> after
 * - a jurisdiction's organizations, a page at a time: owner index JUR#<jurisdiction>
 * - a caller's grants, once per request: query IDENT#<issuer>#<sub> by GRANT#; invitations to an address: INVITE#<email>
 * - a person's audit timeline: query IDENT#<issuer>#<sub> (the grants' kept events and older event items)
 * - a regulator's queue, oldest due first: queue index Q#<jurisdiction>#<queue>#open sorted by <dueDate>#<taskId>
 *   (task items and the case items that keep their tasks alike)
 * - a task by its id: the case item its id names (<T…>-<caseId>), or TASK#<taskId>
 * - a supervisory unit's queue (业务主管单位), the same way: owner index UQ#<unit>#<queue>#open
 * - the names a jurisdiction holds, for the name check: query NAME#<jurisdiction>
 * - open alerts of a jurisdiction by severity: queue index ALERTS#<jurisdiction>#open
 * - a district's statistics: query STATS#<division> by OWN# (one request, whatever the register's size); a
 *   city's or province's: owner index STATSIN#<province> by the first four or two digits of its code (its
 *   divisions' items: grows with the districts within it, never with organizations)
 * - the public lookup by name: queue index ORGNAME#<first character> by the name without its area names
 * - a jurisdiction's seasons, latest first: query SEASON#<jurisdiction>
 * - the outbox of one address: owner index and queue index TO#<address> (an email, a phone)
 * - the sweep: due index DUE#<shard> with sk <next firing instant>#<pk>#<sk> <= now, shard by shard, a page at a time;
 *   then the deadlines index the same way (keys only: each case item found is read)
 * - the official calendar: query CALENDAR; the deadlines to count again when it grows: query PROVISIONAL
 *
 * Adding a record type:
 * 1. its record type in shared/domain (what it is, in the regulation's words), its identity there too
 *    if a use case names it (like `Subject`);
 * 2. its key (and any index value) in ./keys.ts, and a line above;
 * 3. a `put…` WriteOp and the reads it needs on the Store port (shared/ports/store.ts), taking domain
 *    identities, never keys; the DynamoStore turns them into items in `toTransactItem` and queries;
 * 4. an integration test through the HTTP app against DynamoDB Local.
 */
export const TABLE_NAME_DEFAULT = "socorg";

export const keys = { partition: "pk", sort: "sk" } as const;

export const indexes = {
  queue: { name: "queue", partition: "qpk", sort: "qsk", projection: "ALL" },
  due: { name: "due", partition: "duepk", sort: "duesk", projection: "ALL" },
  owner: { name: "owner", partition: "opk", sort: "osk", projection: "ALL" },
  /**
   * A case item at the next firing of the deadlines it keeps, sharded as the due index is. Keys only: the
   * entry moves only when that firing does, and the sweep reads the few items it finds.
   */
  deadlines: { name: "deadlines", partition: "dlpk", sort: "dlsk", projection: "KEYS_ONLY" },
} as const;

export const ttlAttribute = "expiresAt";

/** The due index is sharded so that one day's deadlines never sit in one partition. */
export const DUE_SHARDS = 16;

export type IndexName = keyof typeof indexes;
