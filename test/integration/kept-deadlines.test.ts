import { CreateTableCommand, DeleteTableCommand, DescribeTableCommand } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { caseSubject, type DeadlineRecord } from "../../shared/domain/cases/records.js";
import { ConflictError } from "../../shared/ports/store.js";
import { createTableInput, ensureTable } from "../../shared/store/create-table.js";
import { DynamoStore } from "../../shared/store/dynamo-store.js";
import { KEPT_REVISION, keptDeadlineAttribute, nextKeptFiring } from "../../shared/store/kept-deadlines.js";
import { caseKey, deadlineKey, dueIndex } from "../../shared/store/keys.js";
import { indexes } from "../../shared/store/table.js";
import { application, type Harness, startHarness } from "./harness.js";
import { ownDynamoClient } from "./own-client.js";

let h: Harness;
let store: DynamoStore;
let org: string;
let officer: string;
let doc: DynamoDBDocumentClient;

beforeAll(async () => {
  h = await startHarness({ now: "2025-03-03T09:00:00+08:00" });
  store = h.runtime.deps.store as DynamoStore;
  org = await h.token({ role: "org", sub: "applicant-deadlines" });
  officer = await h.token({ role: "regulator", sub: "officer-deadlines", jurisdiction: "310114" });
  doc = DynamoDBDocumentClient.from(h.runtime.dynamo);
});
afterAll(() => h.stop());

let applied = 0;
async function apply() {
  applied++;
  const res = await h.call<{ caseId: string }>("POST", "/registrations", {
    token: org,
    body: application({
      contact: { email: `deadlines${applied}@example.org`, phone: `1390000020${applied % 10}` },
    }),
  });
  expect(res.status).toBe(201);
  return res.body.caseId;
}

const raw = async (key: { pk: string; sk: string }) =>
  (await doc.send(new GetCommand({ TableName: h.tableName, Key: key, ConsistentRead: true }))).Item as
    | Record<string, unknown>
    | undefined;

const decisionLimitOf = async (caseId: string) =>
  (await store.listDeadlines(caseSubject(caseId))).find((d) => d.kind === "decision_limit") as DeadlineRecord;

/** Where the case item stands on the deadlines index: the instant its entry names. */
const entryOf = (item: Record<string, unknown> | undefined) => {
  const sk = item?.[indexes.deadlines.sort] as string | undefined;
  return sk?.split("#")[0];
};

/** A further deadline of the case, like its decision limit but under its own reference and firing. */
const another = (base: DeadlineRecord, ref: string, nextFireAt: string | undefined): DeadlineRecord => {
  const { nextFireAt: _, ...rest } = base;
  return { ...rest, kind: "supplement", ref, version: 1, ...(nextFireAt ? { nextFireAt } : {}) };
};

describe("the deadlines a case keeps in its item", () => {
  it("a registration's decision limit is kept in the case item, with no item of its own, and leaves the deadlines index once met", async () => {
    const caseId = await apply();
    const limit = await decisionLimitOf(caseId);
    expect(limit).toMatchObject({ status: "open" });
    expect(await raw(deadlineKey(limit))).toBeUndefined();
    const item = await raw(caseKey(caseId));
    expect(item?.[keptDeadlineAttribute(limit)]).toMatchObject({ kind: "decision_limit", status: "open" });
    expect(entryOf(item)).toBe(new Date(limit.nextFireAt as string).toISOString());
    expect(item?.[indexes.deadlines.partition]).toBe(
      dueIndex(caseKey(caseId), limit.nextFireAt as string).pk,
    );

    const view = await h.call<{ currentTask: { taskId: string } }>("GET", `/cases/${caseId}`, { token: org });
    const decided = await h.call("POST", `/tasks/${view.body.currentTask.taskId}/decision`, {
      token: officer,
      body: { outcome: "approve" },
    });
    expect(decided.status).toBe(200);
    await h.runtime.settled();
    const after = await raw(caseKey(caseId));
    expect(after?.[keptDeadlineAttribute(limit)]).toMatchObject({ status: "met" });
    expect(after?.[indexes.deadlines.partition]).toBeUndefined();
    const shown = await h.call<{ deadlines: { kind: string; status: string }[] }>("GET", `/cases/${caseId}`, {
      token: org,
    });
    expect(shown.body.deadlines).toEqual([
      expect.objectContaining({ kind: "decision_limit", status: "met" }),
    ]);
  });

  it("the sweep fires a kept deadline when its firing comes, and moves the case item to the next", async () => {
    const caseId = await apply();
    const limit = await decisionLimitOf(caseId);
    const at = new Date(limit.nextFireAt as string);
    const dueAt = async (now: Date) =>
      (
        await Promise.all(
          Array.from({ length: store.dueShards }, (_, shard) => store.listDue(now.toISOString(), { shard })),
        )
      )
        .flatMap((s) => s.items)
        .filter((i) => i.kind === "deadline" && i.deadline.ref === caseId);
    expect(await dueAt(new Date(at.getTime() - 1000))).toEqual([]);
    expect(await dueAt(at)).toEqual([
      { kind: "deadline", deadline: expect.objectContaining({ kind: "decision_limit" }) },
    ]);

    await h.call("POST", "/admin/clock", { body: { now: at.toISOString() } });
    const swept = await h.call<{ errors: number; fired: number }>("POST", "/admin/sweep");
    expect(swept.body.errors).toBe(0);
    expect(swept.body.fired).toBeGreaterThan(0);
    const fired = await decisionLimitOf(caseId);
    expect(fired.version).toBeGreaterThan(limit.version);
    expect(fired.fired?.length ?? 0).toBeGreaterThan(0);
    const item = await raw(caseKey(caseId));
    expect(entryOf(item)).toBe(fired.nextFireAt ? new Date(fired.nextFireAt).toISOString() : undefined);
  });

  it("a case's deadline from before, in an item of its own, is still listed, written and settled there", async () => {
    const caseId = await apply();
    const limit = await decisionLimitOf(caseId);
    const old = another(limit, "from-before", "2025-03-20T01:00:00.000Z");
    const key = deadlineKey(old);
    await doc.send(new PutCommand({ TableName: h.tableName, Item: { ...key, type: "deadline", ...old } }));
    expect((await store.listDeadlines(caseSubject(caseId))).map((d) => d.ref).sort()).toEqual(
      [caseId, "from-before"].sort(),
    );
    expect(await store.getDeadline(old)).toMatchObject({ ref: "from-before", version: 1 });
    await store.transact([
      { op: "putDeadline", deadline: { ...old, status: "met", version: 2 }, expectVersion: 1 },
    ]);
    expect(await raw(key)).toMatchObject({ status: "met", version: 2 });
    expect((await raw(caseKey(caseId)))?.[keptDeadlineAttribute(old)]).toBeUndefined();
    await expect(
      store.transact([{ op: "putDeadline", deadline: { ...old, version: 3 }, expectVersion: 1 }]),
    ).rejects.toBeInstanceOf(ConflictError);
  });

  it("a write whose own condition fails is a conflict, and writes nothing", async () => {
    const caseId = await apply();
    const limit = await decisionLimitOf(caseId);
    const item = await raw(caseKey(caseId));
    await expect(
      store.transact([
        {
          op: "putDeadline",
          deadline: { ...limit, status: "met", version: limit.version + 5 },
          expectVersion: 99,
        },
      ]),
    ).rejects.toBeInstanceOf(ConflictError);
    await expect(
      store.transact([{ op: "putDeadline", deadline: limit, expectVersion: "absent" }]),
    ).rejects.toBeInstanceOf(ConflictError);
    expect(await raw(caseKey(caseId))).toEqual(item);
  });

  it("writes of several deadlines of one case at once all land, and the case item stands at the earliest firing", async () => {
    const caseId = await apply();
    const limit = await decisionLimitOf(caseId);
    const firings = ["2025-04-01T01:00:00.000Z", "2025-03-10T01:00:00.000Z", "2025-03-25T01:00:00.000Z"];
    // Each through a store of its own, as concurrent Lambdas are: none knows what the others wrote.
    const stores = firings.map(() => new DynamoStore(ownDynamoClient(), h.tableName));
    await Promise.all(
      firings.map(async (at, i) => {
        const s = stores[i] as DynamoStore;
        await s.getCase(caseId);
        await s.transact([
          { op: "putDeadline", deadline: another(limit, `concurrent-${i}`, at), expectVersion: "absent" },
        ]);
      }),
    );
    const item = await raw(caseKey(caseId));
    const kept = (await store.listDeadlines(caseSubject(caseId))).filter((d) =>
      d.ref.startsWith("concurrent-"),
    );
    expect(kept).toHaveLength(3);
    expect(item?.[KEPT_REVISION]).toBe(4);
    expect(entryOf(item)).toBe(new Date(nextKeptFiring([limit, ...kept]) as string).toISOString());
  });

  it("whatever a case's deadlines go through, its item stands on the deadlines index at the earliest firing among them", async () => {
    const caseId = await apply();
    const limit = await decisionLimitOf(caseId);
    const refs = ["a", "b", "c"];
    const step = fc.record({
      ref: fc.constantFrom(...refs),
      // An hour in March, or no further firing (settled).
      hour: fc.option(fc.integer({ min: 0, max: 24 * 30 }), { nil: undefined }),
    });
    let round = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 8 }), async (steps) => {
        round++;
        for (const { ref, hour } of steps) {
          const name = `p${round}-${ref}`;
          const at =
            hour === undefined ? undefined : new Date(Date.UTC(2025, 2, 1) + hour * 3_600_000).toISOString();
          const now = await store.getDeadline({
            subject: caseSubject(caseId),
            kind: "supplement",
            ref: name,
          });
          const next = another(limit, name, at);
          await store.transact([
            now
              ? {
                  op: "putDeadline",
                  deadline: { ...next, version: now.version + 1 },
                  expectVersion: now.version,
                }
              : { op: "putDeadline", deadline: next, expectVersion: "absent" },
          ]);
        }
        const all = await store.listDeadlines(caseSubject(caseId));
        const earliest = nextKeptFiring(all);
        const item = await raw(caseKey(caseId));
        expect(entryOf(item)).toBe(earliest ? new Date(earliest).toISOString() : undefined);
      }),
      { numRuns: 25 },
    );
  });

  it("a table from before the deadlines index gains it when the runtime ensures its table", async () => {
    const name = `${h.tableName}_before`;
    const input = createTableInput(name);
    const before = {
      ...input,
      GlobalSecondaryIndexes: input.GlobalSecondaryIndexes?.filter(
        (ix) => ix.IndexName !== indexes.deadlines.name,
      ),
      AttributeDefinitions: input.AttributeDefinitions?.filter(
        (a) => a.AttributeName !== indexes.deadlines.partition && a.AttributeName !== indexes.deadlines.sort,
      ),
    };
    const c = ownDynamoClient();
    await c.send(new CreateTableCommand(before));
    try {
      await ensureTable(c, name);
      const { Table } = await c.send(new DescribeTableCommand({ TableName: name }));
      expect(
        Table?.GlobalSecondaryIndexes?.map((ix) => [ix.IndexName, ix.Projection?.ProjectionType]).sort(),
      ).toEqual([
        ["deadlines", "KEYS_ONLY"],
        ["due", "ALL"],
        ["owner", "ALL"],
        ["queue", "ALL"],
      ]);
    } finally {
      await c.send(new DeleteTableCommand({ TableName: name }));
    }
  });
});
