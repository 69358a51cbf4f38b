import { randomBytes } from "node:crypto";
import { DynamoDBClient, TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { AlertRecord } from "../../shared/domain/risk/alerts.js";
import { ConflictError } from "../../shared/ports/store.js";
import { ensureTable } from "../../shared/store/create-table.js";
import { DynamoStore } from "../../shared/store/dynamo-store.js";

let client: DynamoDBClient;
let store: DynamoStore;
/** Transactions DynamoDB Local is to see cancelled as if a concurrent one had touched their items. */
let contended = 0;
let sent = 0;

beforeAll(async () => {
  client = new DynamoDBClient({
    endpoint: inject("dynamoEndpoint"),
    region: "local",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
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
