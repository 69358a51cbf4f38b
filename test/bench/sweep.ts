import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { startDynamoDbLocal } from "../../infra/local/dynamodb-local.js";
import { issueUscc } from "../../shared/domain/identifiers/index.js";
import { organizationDeadlines } from "../../shared/domain/organizations/deadlines.js";
import type { OrganizationRecord } from "../../shared/domain/organizations/records.js";
import { outboxOnlyChannel } from "../../shared/notify/channels/outbox-only.js";
import type { WriteOp } from "../../shared/ports/store.js";
import { ensureTable } from "../../shared/store/create-table.js";
import { DynamoStore } from "../../shared/store/dynamo-store.js";
import { runSweep } from "../../shared/usecases/run-sweep.js";
import type { Deps } from "../../shared/usecases/support/deps.js";
import { quietLogger } from "../integration/harness.js";

/** The bench's "now": 1 March 2026, 10:00 in Shanghai. */
const NOW = new Date("2026-03-01T10:00:00+08:00");

const body = (i: number) => `M${String(i).padStart(7, "0")}`;

/** `size` organizations of 嘉定区, each with its term's end as a deadline; 1 in 100 has a reminder due now. */
function organizations(size: number): OrganizationRecord[] {
  return Array.from({ length: size }, (_, i) => {
    const due = i % 100 === 0;
    return {
      uscc: issueUscc({ category: "1", division: "310114", organizationCodeBody: body(i + 1) }),
      name: `上海市嘉定区第${i + 1}号行业协会`,
      orgType: "social_group",
      status: "registered",
      jurisdiction: "310114",
      registeredOn: "2021-03-31",
      contact: { email: `org${i}@example.org`, phone: "13800138000" },
      // Due ones reach their 30-days-before reminder this morning; the rest are more than a year away.
      term: due ? { start: "2021-03-31", end: "2026-03-31" } : { start: "2022-06-30", end: "2027-06-30" },
      creditLists: [],
      annualInspections: [],
      createdAt: NOW.toISOString(),
      version: 1,
    };
  });
}

export async function benchSweep(size: number, endpoint: string) {
  const client = new DynamoDBClient({
    endpoint,
    region: "local",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
  const tableName = `sweep_${size}`;
  await ensureTable(client, tableName);
  const store = new DynamoStore(client, tableName);
  const deadlineOps = (organization: OrganizationRecord) =>
    organizationDeadlines(organization).map((deadline): WriteOp => ({ op: "putDeadline", deadline }));
  const orgs = organizations(size);
  const ops: WriteOp[] = orgs.flatMap((organization) => [
    { op: "putOrganization", organization, expectVersion: "absent" } as WriteOp,
    ...deadlineOps(organization),
  ]);
  const due = orgs.filter((_, i) => i % 100 === 0);
  // The due ones as loaded, put back before each run as a generation of their own, so every sweep does the
  // same work and sends messages of its own.
  let generation = 1;
  const dueAgain = () =>
    due.flatMap(deadlineOps).map((w): WriteOp => {
      if (w.op !== "putDeadline") return w;
      return { ...w, deadline: { ...w.deadline, generation } };
    });
  const loadStart = performance.now();
  await store.putMany(ops);
  const loadSeconds = (performance.now() - loadStart) / 1000;
  // Items DynamoDB returns to the store's reads (Query pages and GetItem hits).
  const reads = () => store.readStats().items;
  const deps: Deps = {
    store,
    clock: { now: () => NOW },
    channels: { email: outboxOnlyChannel, sms: outboxOnlyChannel },
    notifier: { enqueue: async () => ({ sent: 0, failed: 0 }) },
    workflows: {
      start: async () => {},
      sendTaskSuccess: async () => {},
      sendTaskFailure: async () => {},
      stopExecution: async () => {},
    },
    log: quietLogger,
  };
  const run = async (shardConcurrency: number) => {
    generation++;
    await store.putMany(dueAgain());
    const before = reads();
    const t = performance.now();
    const result = await runSweep(deps, { shardConcurrency });
    return { ms: performance.now() - t, itemsRead: reads() - before, ...result };
  };
  // Warm-up of both modes on this table before the runs that are timed.
  await run(16);
  await run(1);
  // Timed in the order 1, 16, 16, 1, so a drift in the machine's load weighs on both alike.
  const serial = [await run(1)];
  const concurrent = [await run(16), await run(16)];
  serial.push(await run(1));
  client.destroy();
  return { size, items: ops.length, loadSeconds, serial, concurrent };
}

const total = (runs: { ms: number }[]) => runs.reduce((sum, r) => sum + r.ms, 0);
const sizes = (process.env.BENCH_SIZES ?? "10000,100000").split(",").map(Number);
const ddb = await startDynamoDbLocal();
try {
  await benchSweep(2000, ddb.endpoint);
  console.log(
    "sweep over organizations with one deadline each, 1% due (DynamoDB Local in memory; warm-up run of 2,000 first, then each size swept in both modes before the timed runs):",
  );
  for (const size of sizes) {
    const r = await benchSweep(size, ddb.endpoint);
    console.log(
      `  ${String(size).padStart(7)} organizations: loaded ${r.items} items in ${r.loadSeconds.toFixed(0)} s (${(r.items / r.loadSeconds).toFixed(0)} items/s)`,
    );
    for (const [label, s] of [
      ...r.serial.map((s) => ["1 shard at a time (baseline)", s] as const),
      ...r.concurrent.map((s) => ["16 shards at once", s] as const),
    ]) {
      console.log(
        `    ${label}: sweep ${s.ms.toFixed(0)} ms, fired ${s.fired} steps (${s.reminders} messages), ` +
          `errors ${s.errors}, read ${s.itemsRead} items: ${(s.itemsRead / s.fired).toFixed(2)} items read per step ` +
          `(a scan would read ${(r.items / s.fired).toFixed(0)})`,
      );
    }
    console.log(
      `    16 shards at once / 1 at a time: ${(total(r.concurrent) / total(r.serial)).toFixed(2)} of the wall time`,
    );
  }
} finally {
  await ddb.stop();
}
process.exit(0);
