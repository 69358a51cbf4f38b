import { DeleteCommand, DynamoDBDocumentClient, QueryCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueUscc } from "../../shared/domain/identifiers/index.js";
import type { OrganizationRecord } from "../../shared/domain/organizations/records.js";
import {
  addCounters,
  type Counters,
  organizationCounters,
} from "../../shared/domain/organizations/statistics-counters.js";
import { retryOnConflict } from "../../shared/ports/retry.js";
import type { DynamoStore } from "../../shared/store/dynamo-store.js";
import { COUNTER_SHARDS, countersPk } from "../../shared/store/keys.js";
import { type Harness, startHarness } from "./harness.js";

/** Districts of two cities of Shanghai and Jiangsu, with a city and a province that register on their own. */
const DIVISIONS = ["310101", "310104", "310114", "310000", "320102", "320505", "320500", "320000"] as const;
/** What each city or province reads: the divisions whose code lies within it. */
const AREAS: Record<string, readonly string[]> = {
  "310000": ["310101", "310104", "310114", "310000"],
  "310100": ["310101", "310104", "310114"],
  "320000": ["320102", "320505", "320500", "320000"],
  "320100": ["320102"],
  "320500": ["320505", "320500"],
};
/** Items a division keeps: the shards of its busy counts, one of grades, one of list entries. */
const ITEMS_PER_DIVISION = COUNTER_SHARDS + 2;

let h: Harness;
let store: DynamoStore;
beforeAll(async () => {
  h = await startHarness({ now: "2026-03-02T09:00:00+08:00" });
  store = h.runtime.deps.store as DynamoStore;
});
afterAll(() => h?.stop());

let serial = 0;
/** The register as these tests wrote it, by USCC. */
const register = new Map<string, OrganizationRecord>();

function organization(jurisdiction: string, i: number): OrganizationRecord {
  const n = serial++;
  return {
    uscc: issueUscc({
      category: "2",
      division: jurisdiction,
      organizationCodeBody: `D${String(n).padStart(7, "0")}`,
    }),
    name: `区划计数${n}号服务中心`,
    orgType: (["social_group", "social_service", "foundation"] as const)[i % 3] ?? "social_service",
    status: i % 5 === 0 ? "revoked" : "registered",
    jurisdiction,
    registeredOn: i % 2 === 0 ? "2020-04-01" : "2025-06-01",
    contact: { email: `d${n}@example.org`, phone: "13800138000" },
    ...(i % 4 === 0 ? { grade: { level: "4A" as const, validUntil: "2028-12-31" } } : {}),
    creditLists:
      i % 6 === 0
        ? [{ list: "abnormal", ground: "annual_report_missed", since: "2025-07-01", decidedBy: "t" }]
        : [],
    annualInspections: i % 2 === 0 ? [{ year: 2025, outcome: "pass" }] : [],
    createdAt: "2026-01-01T00:00:00.000Z",
    version: 1,
  };
}

async function load(orgs: OrganizationRecord[]) {
  await store.putMany(
    orgs.map((organization) => ({ op: "putOrganization", organization, expectVersion: "absent" })),
  );
  for (const o of orgs) register.set(o.uscc, o);
}

const nonZero = (c: Counters) => Object.fromEntries(Object.entries(c).filter(([, n]) => n !== 0));

/** The figures the register implies for the organizations of these divisions. */
function fromRegister(divisions: readonly string[]): Counters {
  const within = [...register.values()].filter((o) => divisions.includes(o.jurisdiction));
  return nonZero(within.reduce((acc, o) => addCounters(acc, organizationCounters(o)), {} as Counters));
}

async function expectEveryAreaToSumItsDivisions() {
  for (const division of DIVISIONS) {
    if (division in AREAS) continue;
    expect(nonZero(await store.readCounters(division))).toEqual(fromRegister([division]));
  }
  for (const [area, divisions] of Object.entries(AREAS)) {
    const read = nonZero(await store.readCounters(area));
    expect(read).toEqual(fromRegister(divisions));
    // The districts' own reads, and what a city or province registers itself, add up to the area's.
    const sum = fromRegister(divisions.filter((d) => d in AREAS));
    for (const d of divisions.filter((d) => !(d in AREAS))) addCounters(sum, await store.readCounters(d));
    expect(read).toEqual(nonZero(sum));
  }
}

/** The items and requests one call reads, by the store's own count. */
async function reads(call: () => Promise<unknown>) {
  const before = store.readStats();
  await call();
  const after = store.readStats();
  return { requests: after.requests - before.requests, items: after.items - before.items };
}

describe("a city's and a province's figures are their divisions' counters summed", () => {
  it("for any organizations, changes and moves between divisions, each area reads exactly what its divisions hold", async () => {
    const step = fc.oneof(
      fc.record({ kind: fc.constant("add" as const), at: fc.constantFrom(...DIVISIONS), i: fc.nat(60) }),
      fc.record({
        kind: fc.constant("change" as const),
        pick: fc.nat(),
        status: fc.constantFrom("registered" as const, "revoked" as const, "deregistered" as const),
      }),
      fc.record({ kind: fc.constant("move" as const), pick: fc.nat(), to: fc.constantFrom(...DIVISIONS) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 10 }), async (steps) => {
        for (const s of steps) {
          if (s.kind === "add") {
            await load([organization(s.at, s.i)]);
            continue;
          }
          const all = [...register.keys()];
          if (all.length === 0) continue;
          const uscc = all[s.pick % all.length] as string;
          await retryOnConflict(
            async () => {
              const org = (await store.getOrganization(uscc)) as OrganizationRecord;
              const next: OrganizationRecord = {
                ...org,
                ...(s.kind === "change" ? { status: s.status } : { jurisdiction: s.to }),
                version: org.version + 1,
              };
              await store.transact([
                { op: "putOrganization", organization: next, expectVersion: org.version },
              ]);
              register.set(uscc, next);
            },
            { times: 5, backoffMs: () => 5 },
          );
        }
        await expectEveryAreaToSumItsDivisions();
      }),
      { numRuns: 10 },
    );
  });

  it("a city's or province's read grows with its divisions, not with its organizations", async () => {
    const measure = async () => {
      const city = await reads(() => store.readCounters("310100"));
      const province = await reads(() => store.readCounters("320000"));
      return { city, province };
    };
    await load(DIVISIONS.flatMap((d) => Array.from({ length: 20 }, (_, i) => organization(d, i))));
    const small = await measure();
    await load(DIVISIONS.flatMap((d) => Array.from({ length: 150 }, (_, i) => organization(d, i))));
    const large = await measure();

    expect(large.city.items).toBeLessThanOrEqual((AREAS["310100"]?.length ?? 0) * ITEMS_PER_DIVISION);
    expect(large.province.items).toBeLessThanOrEqual((AREAS["320000"]?.length ?? 0) * ITEMS_PER_DIVISION);
    expect(large.city.requests).toBe(small.city.requests);
    expect(large.province.requests).toBe(small.province.requests);
    await expectEveryAreaToSumItsDivisions();

    // Through the API, a province's regulator reads its figures in as few requests, plus its grant.
    const regulator = await h.token({ role: "regulator", sub: "province", jurisdiction: "320000" });
    let total = 0;
    const api = await reads(async () => {
      const stats = await h.call<{ organizations: { total: number } }>("GET", "/stats?year=2025", {
        token: regulator,
      });
      total = stats.body.organizations.total;
    });
    expect(total).toBe([...register.values()].filter((o) => o.jurisdiction.startsWith("32")).length);
    expect(api.items).toBeLessThanOrEqual(large.province.items + 1);
  });
});

describe("a table from before counters were kept per division only", () => {
  const EARLIER = ["310114", "310101", "310100", "310000"];
  /** Whether a division's records count in `area`, by the codes' form (province, city, or itself). */
  const within = (division: string, area: string) =>
    division.startsWith(
      area.endsWith("0000") ? area.slice(0, 2) : area.endsWith("00") ? area.slice(0, 4) : area,
    );
  const countsOf = (orgs: OrganizationRecord[]) =>
    nonZero(orgs.reduce((acc, o) => addCounters(acc, organizationCounters(o)), {} as Counters));

  it("is counted again when the runtime starts, and its city and province items are dropped, never summed", async () => {
    const earlier = await startHarness({ now: "2026-03-02T09:00:00+08:00" });
    const doc = DynamoDBDocumentClient.from(earlier.runtime.dynamo);
    const table = earlier.tableName;
    const itemsOf = async (division: string, prefix?: string) =>
      (
        await doc.send(
          new QueryCommand({
            TableName: table,
            KeyConditionExpression: prefix ? "pk = :pk AND begins_with(sk, :p)" : "pk = :pk",
            ExpressionAttributeValues: { ":pk": countersPk(division), ...(prefix ? { ":p": prefix } : {}) },
          }),
        )
      ).Items ?? [];
    const orgs = ["310114", "310101", "310100"].flatMap((d) =>
      Array.from({ length: 6 }, (_, i) => organization(d, i)),
    );
    try {
      const earlierStore = earlier.runtime.deps.store as DynamoStore;
      await earlierStore.putMany(
        orgs.map((organization) => ({ op: "putOrganization", organization, expectVersion: "absent" })),
      );
      // The table as it stood: one item per division holding its own counts, its city's and province's sums.
      for (const division of EARLIER) {
        for (const item of await itemsOf(division)) {
          await doc.send(new DeleteCommand({ TableName: table, Key: { pk: item.pk, sk: item.sk } }));
        }
        const counts = countsOf(orgs.filter((o) => within(o.jurisdiction, division)));
        const names = Object.keys(counts);
        await doc.send(
          new UpdateCommand({
            TableName: table,
            Key: { pk: countersPk(division), sk: "CTR#base#0" },
            UpdateExpression: `SET ${names.map((_, i) => `#c${i} = :c${i}`).join(", ")}, #type = :type`,
            ExpressionAttributeNames: Object.fromEntries([
              ...names.map((n, i) => [`#c${i}`, n]),
              ["#type", "type"],
            ]),
            ExpressionAttributeValues: Object.fromEntries([
              ...names.map((n, i) => [`:c${i}`, counts[n]]),
              [":type", "counters"],
            ]),
          }),
        );
        // Its other shards, its grade and its list item, as such a table kept them (they are dropped in batches).
        for (const sk of [
          ...Array.from({ length: 15 }, (_, i) => `CTR#base#${i + 1}`),
          "CTR#grade",
          "CTR#list",
        ])
          await doc.send(
            new UpdateCommand({
              TableName: table,
              Key: { pk: countersPk(division), sk },
              UpdateExpression: "SET #type = :type",
              ExpressionAttributeNames: { "#type": "type" },
              ExpressionAttributeValues: { ":type": "counters" },
            }),
          );
      }
      expect(await earlierStore.countersMissing()).toBe(true);
    } finally {
      await earlier.stop();
    }

    const again = await startHarness({ tableName: table, now: "2026-03-02T09:00:00+08:00" });
    try {
      const upgraded = again.runtime.deps.store as DynamoStore;
      expect(await upgraded.countersMissing()).toBe(false);
      for (const division of EARLIER) {
        expect(await itemsOf(division, "CTR#")).toEqual([]);
        expect(nonZero(await upgraded.readCounters(division))).toEqual(
          countsOf(orgs.filter((o) => within(o.jurisdiction, division))),
        );
      }
    } finally {
      await again.stop();
    }
  });
});
