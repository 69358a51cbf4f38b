import { startDynamoDbLocal } from "../../infra/local/dynamodb-local.js";
import { createLocalRuntime } from "../../infra/local/runtime.js";
import { demoReport } from "../../infra/local/seed.js";
import { issueUscc } from "../../shared/domain/identifiers/index.js";
import type { OrganizationRecord } from "../../shared/domain/organizations/records.js";
import type { WriteOp } from "../../shared/ports/store.js";
import type { DynamoStore } from "../../shared/store/dynamo-store.js";
import { fileAnnualReport } from "../../shared/usecases/file-annual-report.js";
import { Browser } from "../integration/browser.js";
import { quietLogger } from "../integration/harness.js";

/** The regulator's pages at two register sizes: median and p95 time, and the reads of a dashboard view. */
const sizes = (process.env.BENCH_SIZES ?? "1000,100000").split(",").map(Number);
const rounds = Number(process.env.BENCH_ROUNDS ?? 30);
const TYPES = [
  ["social_group", "1"],
  ["social_service", "2"],
  ["foundation", "3"],
] as const;

function organizations(size: number): OrganizationRecord[] {
  return Array.from({ length: size }, (_, i) => {
    const [orgType, category] = TYPES[i % 3] as (typeof TYPES)[number];
    return {
      uscc: issueUscc({
        category,
        division: "310114",
        organizationCodeBody: `P${String(i).padStart(7, "0")}`,
      }),
      name: `上海市嘉定区第${i + 1}号社会组织`,
      orgType,
      status: "registered",
      jurisdiction: "310114",
      registeredOn: "2018-06-01",
      contact: { email: `org${i}@example.org`, phone: "13800138000" },
      ...(i % 4 === 0 ? { grade: { level: "3A" as const, validUntil: "2029-12-31" } } : {}),
      creditLists: [],
      annualInspections: i % 2 === 0 ? [{ year: 2025, outcome: "pass" as const }] : [],
      createdAt: "2026-01-01T00:00:00.000Z",
      version: 1,
    };
  });
}

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;

async function timed(b: Browser, path: string) {
  const ms: number[] = [];
  for (let i = 0; i < 5; i++) await b.request("GET", path);
  for (let i = 0; i < rounds; i++) {
    const t = performance.now();
    const res = await b.request("GET", path);
    ms.push(performance.now() - t);
    if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
  }
  ms.sort((x, y) => x - y);
  return `median ${quantile(ms, 0.5).toFixed(1)} ms, p95 ${quantile(ms, 0.95).toFixed(1)} ms`;
}

const ddb = await startDynamoDbLocal();
try {
  for (const size of sizes) {
    const runtime = await createLocalRuntime({
      endpoint: ddb.endpoint,
      tableName: `pages_${size}`,
      redirectUris: ["http://localhost/sign-in/callback"],
      now: "2026-03-02T09:00:00+08:00",
      log: quietLogger,
      env: {},
    });
    const store = runtime.deps.store as DynamoStore;
    const orgs = organizations(size);
    const t = performance.now();
    await store.putMany(
      orgs.map((organization): WriteOp => ({ op: "putOrganization", organization, expectVersion: "absent" })),
    );
    const loadS = (performance.now() - t) / 1000;
    // Thirty reports waiting in the queue, filed through the use case.
    for (const [i, o] of orgs.slice(0, 30).entries()) {
      await fileAnnualReport(
        runtime.deps,
        { role: "org", sub: `bench-${i}`, uscc: o.uscc },
        o.uscc,
        demoReport(o, 2025, i),
      );
    }
    await runtime.settled();
    const b = new Browser({ runtime });
    await b.signIn({ who: "regulator", division: "310114" });
    const before = store.readStats();
    await b.request("GET", "/console/dashboard?year=2025");
    const after = store.readStats();
    console.log(
      `${size} organizations in 310114 (loaded in ${loadS.toFixed(1)} s, DynamoDB Local in memory):` +
        `\n  baseline /lookup (no store read)   ${await timed(b, "/lookup")}` +
        `\n  queue /console/queues/annual_inspection ${await timed(b, "/console/queues/annual_inspection")}` +
        `\n  register /console/register        ${await timed(b, "/console/register")}` +
        `\n  dashboard /console/dashboard      ${await timed(b, "/console/dashboard?year=2025")}` +
        `\n  reads per dashboard view: ${after.items - before.items} items in ${after.requests - before.requests} requests`,
    );
    await runtime.stop();
  }
} finally {
  await ddb.stop();
}
process.exit(0);
