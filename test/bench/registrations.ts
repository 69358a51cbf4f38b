import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DynamoDBClient, PutItemCommand } from "@aws-sdk/client-dynamodb";
import { startDynamoDbLocal } from "../../infra/local/dynamodb-local.js";
import { createLocalRuntime, type LocalRuntime } from "../../infra/local/runtime.js";
import { EXECUTION_ITEM_TYPE } from "../../shared/store/dynamo-executions.js";
import type { DynamoStore, WriteStats } from "../../shared/store/dynamo-store.js";
import { application, quietLogger } from "../integration/harness.js";

async function pool<T>(items: T[], concurrency: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const item = items[next++] as T;
        await fn(item);
      }
    }),
  );
}

const perRegistration = (after: WriteStats, before: WriteStats, cases: number) => ({
  items: (after.items - before.items) / cases,
  requests: (after.requests - before.requests) / cases,
  byKind: Object.entries(after.byKind)
    .map(([kind, n]) => ({ kind, perRegistration: (n - (before.byKind[kind] ?? 0)) / cases }))
    .filter((k) => k.perRegistration > 0)
    .sort((x, y) => y.perRegistration - x.perRegistration || x.kind.localeCompare(y.kind)),
});

async function rawPutsPerSecond(endpoint: string, n: number, concurrency: number): Promise<number> {
  const client = new DynamoDBClient({
    endpoint,
    region: "local",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
  const put = (i: number) =>
    client.send(
      new PutItemCommand({
        TableName: "socorg",
        Item: { pk: { S: `BENCH#${i}` }, sk: { S: "RAW" }, payload: { S: "x".repeat(400) } },
      }),
    );
  await pool(
    Array.from({ length: 1000 }, (_, i) => i),
    concurrency,
    async (i) => void (await put(-i - 1)),
  );
  const t = performance.now();
  await pool(
    Array.from({ length: n }, (_, i) => i),
    concurrency,
    async (i) => void (await put(i)),
  );
  const seconds = (performance.now() - t) / 1000;
  client.destroy();
  return n / seconds;
}

async function register(rt: LocalRuntime, org: string, officer: string, i: number): Promise<void> {
  const req = (method: string, path: string, token: string, body?: unknown) =>
    rt.app.request(path, {
      method,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const created = await req(
    "POST",
    "/registrations",
    org,
    application({ contact: { email: `bench${i}@example.org`, phone: "13800138001" } }),
  );
  const { caseId } = (await created.json()) as { caseId: string };
  let taskId: string | undefined;
  for (let tries = 0; !taskId && tries < 200; tries++) {
    const view = (await (await req("GET", `/cases/${caseId}`, org)).json()) as {
      currentTask?: { taskId: string };
    };
    taskId = view.currentTask?.taskId;
    if (!taskId) await new Promise((r) => setTimeout(r, 5));
  }
  const decided = await req("POST", `/tasks/${taskId}/decision`, officer, { outcome: "approve" });
  if (decided.status !== 200) throw new Error(`decision ${decided.status}: ${await decided.text()}`);
  for (let tries = 0; tries < 400; tries++) {
    const view = (await (await req("GET", `/cases/${caseId}`, org)).json()) as { status: string };
    if (view.status === "approved") return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`case ${caseId} was not approved`);
}

/** Registrations from application to approval through the local runtime, on DynamoDB Local on disk. */
export async function benchRegistrations(cases = 200, concurrency = 16) {
  const dataDir = mkdtempSync(join(tmpdir(), "socorg-bench-"));
  const ddb = await startDynamoDbLocal({ dataDir });
  try {
    const rt = await createLocalRuntime({ endpoint: ddb.endpoint, env: {}, log: quietLogger });
    const store = rt.deps.store as DynamoStore;
    const org = await rt.tokens.issue({ role: "org", sub: "bench" });
    const officer = await rt.tokens.issue({
      role: "regulator",
      sub: "bench-officer",
      jurisdiction: "310114",
    });
    await pool(
      Array.from({ length: 50 }, (_, i) => i),
      concurrency,
      (i) => register(rt, org, officer, -i - 1),
    );
    await rt.settled();
    const puts = await rawPutsPerSecond(ddb.endpoint, 2000, concurrency);
    const before = store.writeStats();
    const t = performance.now();
    await pool(
      Array.from({ length: cases }, (_, i) => i),
      concurrency,
      (i) => register(rt, org, officer, i),
    );
    const seconds = (performance.now() - t) / 1000;
    // Each execution's last writes (the messages sent, its own record) follow the approval a client sees.
    await rt.settled();
    const writes = perRegistration(store.writeStats(), before, cases);
    await rt.stop();
    return {
      cases,
      concurrency,
      seconds,
      perSecond: cases / seconds,
      rawPutsPerSecond: puts,
      writesPerRegistration: writes.items,
      engineRecordsPerRegistration:
        writes.byKind.find((k) => k.kind === EXECUTION_ITEM_TYPE)?.perRegistration ?? 0,
      writeRequestsPerRegistration: writes.requests,
      writesByKind: writes.byKind,
    };
  } finally {
    await ddb.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
