import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { startDynamoDbLocal } from "../../infra/local/dynamodb-local.js";
import { LocalNotifier } from "../../infra/local/notifier.js";
import { organizationSubject } from "../../shared/domain/cases/records.js";
import { issueUscc } from "../../shared/domain/identifiers/index.js";
import type { OrganizationRecord } from "../../shared/domain/organizations/records.js";
import { outboxOnlyChannel } from "../../shared/notify/channels/outbox-only.js";
import type { WriteOp } from "../../shared/ports/store.js";
import { ensureTable } from "../../shared/store/create-table.js";
import { DynamoStore } from "../../shared/store/dynamo-store.js";
import { runSweep } from "../../shared/usecases/run-sweep.js";
import { startAnnualReportSeason } from "../../shared/usecases/start-annual-report-season.js";
import { settledWrites } from "../../shared/usecases/support/deadline-writes.js";
import type { Deps } from "../../shared/usecases/support/deps.js";
import { quietLogger } from "../integration/harness.js";

const TYPES = [
  ["social_group", "1"],
  ["social_service", "2"],
  ["foundation", "3"],
] as const;

function organizations(size: number, jurisdiction: string): OrganizationRecord[] {
  return Array.from({ length: size }, (_, i) => {
    const [orgType, category] = TYPES[i % 3] as (typeof TYPES)[number];
    return {
      uscc: issueUscc({
        category,
        division: jurisdiction,
        organizationCodeBody: `M${String(i + 1).padStart(7, "0")}`,
      }),
      name: `上海市嘉定区第${i + 1}号社会组织`,
      orgType,
      status: "registered",
      jurisdiction,
      registeredOn: "2018-06-01",
      contact: { email: `org${i}@example.org`, phone: "13800138000" },
      creditLists: [],
      annualInspections: [],
      createdAt: "2026-01-01T00:00:00.000Z",
      version: 1,
    };
  });
}

const size = Number(process.env.BENCH_ORGS ?? 20_000);
const nonReporterShare = 0.05;
const ddb = await startDynamoDbLocal();
try {
  const client = new DynamoDBClient({
    endpoint: ddb.endpoint,
    region: "local",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
  await ensureTable(client, "season");
  const store = new DynamoStore(client, "season");
  let now = new Date("2026-01-05T09:00:00+08:00");
  let deliver = true;
  const deps: Deps = {
    store,
    clock: { now: () => now },
    channels: { email: outboxOnlyChannel, sms: outboxOnlyChannel },
    // Messages are delivered in process before the measured sweep, and left queued during it.
    notifier: {
      enqueue: (ids) =>
        deliver ? new LocalNotifier(() => deps).enqueue(ids) : Promise.resolve({ sent: 0, failed: 0 }),
    },
    workflows: {
      start: async () => {},
      sendTaskSuccess: async () => {},
      sendTaskFailure: async () => {},
      stopExecution: async () => {},
    },
    log: quietLogger,
  };
  const orgs = organizations(size, "310114");
  await store.putMany(
    orgs.map((organization): WriteOp => ({ op: "putOrganization", organization, expectVersion: "absent" })),
  );

  const admin = { role: "admin" as const, sub: "bench" };
  let t = performance.now();
  const season = await startAnnualReportSeason(deps, admin, { year: 2025, jurisdiction: "310114" });
  const seasonMs = performance.now() - t;

  // All but 5% file in time: their deadlines are met (as filing does) and leave the due index.
  const filed: WriteOp[] = [];
  for (const [i, org] of orgs.entries()) {
    if (i % Math.round(1 / nonReporterShare) === 0) continue;
    const d = await store.getDeadline({
      subject: organizationSubject(org.uscc),
      kind: "annual_report",
      ref: "2025",
    });
    if (d) filed.push(...settledWrites(d, "met"));
  }
  await store.putMany(filed.map((w) => (w.op === "putDeadline" ? { ...w, expectVersion: undefined } : w)));

  // The reminders of the season's last days go out first, so the measured sweep does the listing alone.
  now = new Date("2026-06-01T23:00:00+08:00");
  await runSweep(deps);
  now = new Date("2026-06-02T00:30:00+08:00");
  deliver = false;
  const before = store.readStats().items;
  t = performance.now();
  const sweep = await runSweep(deps);
  const sweepMs = performance.now() - t;
  const itemsRead = store.readStats().items - before;
  const listed = (
    await Promise.all(orgs.map((o, i) => (i % 20 === 0 ? store.getOrganization(o.uscc) : undefined)))
  ).filter((o) => o?.creditLists.some((e) => e.ground === "annual_report_not_submitted")).length;
  console.log(
    `annual-report season for ${size} organizations (DynamoDB Local in memory):` +
      `\n  season start: ${season.created} deadlines in ${(seasonMs / 1000).toFixed(1)} s (${(season.created / (seasonMs / 1000)).toFixed(0)} deadlines/s)` +
      `\n  after the due date, ${size - filed.length} non-reporters: sweep ${(sweepMs / 1000).toFixed(1)} s, fired ${sweep.fired}, listed ${listed} as abnormal,` +
      ` read ${itemsRead} items (${(itemsRead / Math.max(1, listed)).toFixed(2)} per listing; the register holds ${size} organizations)`,
  );
  client.destroy();
} finally {
  await ddb.stop();
}
process.exit(0);
