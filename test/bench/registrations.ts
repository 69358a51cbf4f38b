import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DynamoDBClient, PutItemCommand } from "@aws-sdk/client-dynamodb";
import { startDynamoDbLocal } from "../../infra/local/dynamodb-local.js";
import { createLocalRuntime, type LocalRuntime } from "../../infra/local/runtime.js";
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

type AttributeMap = Record<string, { S?: string } | undefined>;

/** What an item written is: its `type`, or for an update or delete the prefix of its key. */
function kindOf(verb: string, item: AttributeMap | undefined, key: AttributeMap | undefined): string {
  const type = item?.type?.S;
  if (type) return verb === "put" ? type : `${verb} ${type}`;
  const pk = (item ?? key)?.pk?.S ?? "?";
  return `${verb} ${pk.split("#")[0]}`;
}

/** Counts the items each DynamoDB write request writes, by kind (a transaction counts each of its items). */
function countWrites(client: DynamoDBClient): Map<string, number> {
  const writes = new Map<string, number>();
  const add = (kind: string) => writes.set(kind, (writes.get(kind) ?? 0) + 1);
  type Write = { Item?: AttributeMap; Key?: AttributeMap };
  const one = (verb: string, w: Write | undefined) => add(kindOf(verb, w?.Item, w?.Key));
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as Write & {
        TransactItems?: { Put?: Write; Update?: Write; Delete?: Write; ConditionCheck?: Write }[];
      };
      const command = context.commandName ?? "";
      if (command === "TransactWriteItemsCommand") {
        for (const t of input.TransactItems ?? []) {
          if (t.Put) one("put", t.Put);
          else if (t.Update) one("update", t.Update);
          else if (t.Delete) one("delete", t.Delete);
        }
      } else if (command === "PutItemCommand") one("put", input);
      else if (command === "UpdateItemCommand") one("update", input);
      else if (command === "DeleteItemCommand") one("delete", input);
      return next(args);
    },
    { step: "serialize", name: "countWrites" },
  );
  return writes;
}

const total = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);

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
    const writes = countWrites(rt.dynamo);
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
    const puts = await rawPutsPerSecond(ddb.endpoint, 2000, concurrency);
    const before = new Map(writes);
    const t = performance.now();
    await pool(
      Array.from({ length: cases }, (_, i) => i),
      concurrency,
      (i) => register(rt, org, officer, i),
    );
    const seconds = (performance.now() - t) / 1000;
    const byKind = [...writes]
      .map(([kind, n]) => ({ kind, perRegistration: (n - (before.get(kind) ?? 0)) / cases }))
      .filter((k) => k.perRegistration > 0)
      .sort((a, b) => b.perRegistration - a.perRegistration);
    const perRegistration = (total(writes) - total(before)) / cases;
    await rt.stop();
    return {
      cases,
      concurrency,
      seconds,
      perSecond: cases / seconds,
      rawPutsPerSecond: puts,
      writesPerRegistration: perRegistration,
      writesByKind: byKind,
    };
  } finally {
    await ddb.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
