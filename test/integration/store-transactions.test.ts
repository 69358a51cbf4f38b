import { randomBytes } from "node:crypto";
import { type DynamoDBClient, TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueUscc } from "../../shared/domain/identifiers/index.js";
import type { OrganizationRecord } from "../../shared/domain/organizations/records.js";
import type { AlertRecord } from "../../shared/domain/risk/alerts.js";
import { ConflictError } from "../../shared/ports/store.js";
import { ensureTable } from "../../shared/store/create-table.js";
import { DynamoStore } from "../../shared/store/dynamo-store.js";
import { ownDynamoClient } from "./own-client.js";

let client: DynamoDBClient;
let store: DynamoStore;
/** Transactions DynamoDB Local is to see cancelled as if a concurrent one had touched their items. */
let contended = 0;
let sent = 0;

beforeAll(async () => {
  client = ownDynamoClient();
  const table = `t_${randomBytes(6).toString("hex")}`;
  await ensureTable(client, table);
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName !== "TransactWriteItemsCommand") return next(args);
      sent++;
      if (contended > 0) {
        contended--;
        throw new TransactionCanceledException({
          message: "Transaction cancelled, please refer cancellation reasons for specific reasons",
          $metadata: {},
          CancellationReasons: [{ Code: "TransactionConflict" }],
        });
      }
      return next(args);
    },
    { step: "initialize", name: "contend" },
  );
  store = new DynamoStore(client, table);
});
afterAll(() => client?.destroy());

let alerts = 0;
function alert(jurisdiction = "310114"): AlertRecord {
  return {
    alertId: `A-${alerts++}-${randomBytes(3).toString("hex")}`,
    jurisdiction,
    rule: "delivery_failed",
    severity: "medium",
    explanation: "a test alert",
    evidence: {},
    raisedAt: "2026-03-02T01:00:00.000Z",
    status: "open",
    version: 1,
  };
}

const openAlerts = async (division: string) =>
  (await store.readCounters(division))["alert:delivery_failed:open"] ?? 0;

describe("DynamoStore.transact under contention", () => {
  it("tries a transaction a concurrent one cancelled again, and it goes through once", async () => {
    const before = await openAlerts("310114");
    contended = 2;
    sent = 0;
    await store.transact([{ op: "putAlert", alert: alert(), expectVersion: "absent" }]);
    expect(sent).toBe(3);
    expect(await openAlerts("310114")).toBe(before + 1);
  });

  it("reports the conflict after six tries, and nothing is written", async () => {
    const before = await openAlerts("310114");
    const a = alert();
    contended = 6;
    sent = 0;
    const error = await store
      .transact([{ op: "putAlert", alert: a, expectVersion: "absent" }])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as Error).message).toMatch(/6 times running/);
    expect(sent).toBe(6);
    expect(await openAlerts("310114")).toBe(before);
    expect((await store.listAlerts("310114", "open")).map((x) => x.alertId)).not.toContain(a.alertId);
  });

  it("never tries a failed condition again: it names the op at once", async () => {
    const a = alert();
    await store.transact([{ op: "putAlert", alert: a, expectVersion: "absent" }]);
    sent = 0;
    const error = await store
      .transact([
        { op: "putAlert", alert: alert(), expectVersion: "absent" },
        { op: "putAlert", alert: a, expectVersion: "absent" },
      ])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).failedOp).toBe(1);
    expect(sent).toBe(1);
  });

  it("concurrent transactions on the same counters all count", async () => {
    const division = "310115";
    await Promise.all(
      Array.from({ length: 12 }, () =>
        store.transact([{ op: "putAlert", alert: alert(division), expectVersion: "absent" }]),
      ),
    );
    expect(await openAlerts(division)).toBe(12);
    expect(await openAlerts("310100")).toBeGreaterThanOrEqual(12);
  });
});

describe("the counts an organization or alert write replaces", () => {
  const organization: OrganizationRecord = {
    uscc: issueUscc({ category: "2", division: "310114", organizationCodeBody: "W0000001" }),
    name: "上海市嘉定区写入服务中心",
    orgType: "social_service",
    status: "registered",
    jurisdiction: "310114",
    registeredOn: "2024-05-01",
    contact: { email: "w@example.org", phone: "13800138000" },
    creditLists: [],
    annualInspections: [],
    createdAt: "2026-01-01T00:00:00.000Z",
    version: 1,
  };
  const registered = async () => (await store.readCounters("310114"))["status:registered"] ?? 0;
  const revoked = async () => (await store.readCounters("310114"))["status:revoked"] ?? 0;

  it("come from the version the caller read, with no read of their own", async () => {
    await store.transact([{ op: "putOrganization", organization, expectVersion: "absent" }]);
    const [reg, rev] = [await registered(), await revoked()];
    const read = (await store.getOrganization(organization.uscc)) as OrganizationRecord;
    const before = store.readStats();
    await store.transact([
      {
        op: "putOrganization",
        organization: { ...read, status: "revoked", version: 2 },
        expectVersion: 1,
      },
    ]);
    expect(store.readStats().requests - before.requests).toBe(0);
    // The version this store wrote is the one the next write replaces, again without a read.
    await store.transact([
      {
        op: "putOrganization",
        organization: { ...read, status: "registered", version: 3 },
        expectVersion: 2,
      },
    ]);
    expect(store.readStats().requests - before.requests).toBe(0);
    expect([await registered(), await revoked()]).toEqual([reg, rev]);
  });

  it("go in with an organization a bulk put of new records adds, once", async () => {
    const added = {
      ...organization,
      uscc: issueUscc({ category: "2", division: "310114", organizationCodeBody: "W0000002" }),
    };
    const reg = await registered();
    const ops = [{ op: "putOrganization" as const, organization: added, expectVersion: "absent" as const }];
    expect(await store.putAllIfAbsent(ops)).toBe(1);
    expect(await registered()).toBe(reg + 1);
    expect(await store.putAllIfAbsent(ops)).toBe(0);
    expect(await registered()).toBe(reg + 1);
  });

  it("are read when another store wrote the version replaced, and a stale version still fails its condition", async () => {
    const otherClient = ownDynamoClient();
    const other = new DynamoStore(otherClient, store.table);
    const read = (await store.getOrganization(organization.uscc)) as OrganizationRecord;
    const rev = await revoked();
    const before = other.readStats();
    await other.transact([
      {
        op: "putOrganization",
        organization: { ...read, status: "revoked", version: read.version + 1 },
        expectVersion: read.version,
      },
    ]);
    expect(other.readStats().requests - before.requests).toBe(1);
    expect(await revoked()).toBe(rev + 1);
    const error = await store
      .transact([
        {
          op: "putOrganization",
          organization: { ...read, name: "改名", version: read.version + 1 },
          expectVersion: read.version,
        },
      ])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect(await revoked()).toBe(rev + 1);
    otherClient.destroy();
  });
});
