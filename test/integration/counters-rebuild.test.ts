import { DeleteCommand, DynamoDBDocumentClient, QueryCommand } from "@aws-sdk/lib-dynamodb";
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
import { countersPk } from "../../shared/store/keys.js";
import { rebuildStatisticsCounters } from "../../shared/usecases/rebuild-statistics-counters.js";
import { type Harness, quietLogger, startHarness } from "./harness.js";

const DIVISIONS = ["310114", "310100", "310000"];

let h: Harness;
let store: DynamoStore;
let doc: DynamoDBDocumentClient;

beforeAll(async () => {
  h = await startHarness({ now: "2026-03-02T09:00:00+08:00" });
  store = h.runtime.deps.store as DynamoStore;
  doc = DynamoDBDocumentClient.from(h.runtime.dynamo);
});
afterAll(() => h?.stop());

let serial = 0;
const LEVELS = ["5A", "4A", "3A", "2A", "1A"] as const;
function organization(i: number): OrganizationRecord {
  const n = serial++;
  return {
    uscc: issueUscc({
      category: "2",
      division: "310114",
      organizationCodeBody: `C${String(n).padStart(7, "0")}`,
    }),
    name: `上海市嘉定区计数${n}号服务中心`,
    orgType: (["social_group", "social_service", "foundation"] as const)[i % 3] ?? "social_service",
    status: i % 11 === 0 ? "revoked" : "registered",
    jurisdiction: "310114",
    registeredOn: i % 2 === 0 ? "2021-05-01" : "2025-02-01",
    contact: { email: `c${n}@example.org`, phone: "13800138000" },
    ...(i % 3 === 0 ? { grade: { level: LEVELS[i % 5] ?? "3A", validUntil: "2027-12-31" } } : {}),
    creditLists:
      i % 7 === 0
        ? [{ list: "abnormal", ground: "annual_report_missed", since: "2025-07-01", decidedBy: "t" }]
        : [],
    annualInspections: i % 2 === 0 ? [{ year: 2025, outcome: "pass" }] : [],
    createdAt: "2026-01-01T00:00:00.000Z",
    version: 1,
  };
}

async function registerOf(jurisdiction = "310114"): Promise<OrganizationRecord[]> {
  const all: OrganizationRecord[] = [];
  for (let after: string | undefined, first = true; first || after; first = false) {
    const got = await store.listOrganizations(jurisdiction, after ? { after, limit: 500 } : { limit: 500 });
    all.push(...got.items);
    after = got.next;
  }
  return all;
}

const nonZero = (c: Counters) => Object.fromEntries(Object.entries(c).filter(([, n]) => n !== 0));

/** The counters the register implies for each of its divisions (district, city, province). */
async function expectCountersOfRegister() {
  const fromRegister = nonZero(
    (await registerOf()).reduce((acc, o) => addCounters(acc, organizationCounters(o)), {} as Counters),
  );
  for (const division of DIVISIONS) {
    expect(nonZero(await store.readCounters(division))).toEqual(fromRegister);
  }
}

/** The table as it stood before the counters: its records, and no counter item. */
async function dropCounters() {
  for (const division of DIVISIONS) {
    const items = await doc.send(
      new QueryCommand({
        TableName: h.tableName,
        KeyConditionExpression: "pk = :pk",
        ExpressionAttributeValues: { ":pk": countersPk(division) },
      }),
    );
    for (const item of items.Items ?? []) {
      await doc.send(new DeleteCommand({ TableName: h.tableName, Key: { pk: item.pk, sk: item.sk } }));
    }
  }
}

/** Changes an organization as the use cases do: read it, put the next version, read again on a conflict. */
async function change(uscc: string, edit: (o: OrganizationRecord) => Partial<OrganizationRecord>) {
  await retryOnConflict(
    async () => {
      const org = (await store.getOrganization(uscc)) as OrganizationRecord;
      await store.transact([
        {
          op: "putOrganization",
          organization: { ...org, ...edit(org), version: org.version + 1 },
          expectVersion: org.version,
        },
      ]);
    },
    { times: 20, backoffMs: () => 5 },
  );
}

describe("statistics counters counted again from the register", () => {
  it("a table with organizations and no counters gets them, and counting again finds the same", async () => {
    const orgs = Array.from({ length: 120 }, (_, i) => organization(i));
    await store.putMany(
      orgs.map((organization) => ({ op: "putOrganization", organization, expectVersion: "absent" })),
    );
    await expectCountersOfRegister();
    await dropCounters();
    expect(await store.countersMissing()).toBe(true);
    expect(nonZero(await store.readCounters("310114"))).toEqual({});

    const report = await rebuildStatisticsCounters({ store, log: quietLogger }, { ifMissing: true });
    expect(report).toMatchObject({ organizations: 120, divisions: 3 });
    expect(await store.countersMissing()).toBe(false);
    await expectCountersOfRegister();

    expect(await rebuildStatisticsCounters({ store, log: quietLogger }, { ifMissing: true })).toBeUndefined();
    await rebuildStatisticsCounters({ store, log: quietLogger });
    await expectCountersOfRegister();
  });

  it("writes that land while it counts are neither lost nor counted twice", async () => {
    const orgs = Array.from({ length: 400 }, (_, i) => organization(i));
    await store.putMany(
      orgs.map((organization) => ({ op: "putOrganization", organization, expectVersion: "absent" })),
    );
    await dropCounters();
    const changed = orgs.filter((_, i) => i % 10 === 0);
    const writes = Promise.all(
      changed.map((o, k) =>
        change(o.uscc, (cur) =>
          k % 2 === 0
            ? { status: cur.status === "registered" ? "revoked" : "registered" }
            : { grade: { level: "4A", validUntil: "2028-06-30" } },
        ),
      ),
    );
    const [rebuilt, written] = await Promise.allSettled([store.rebuildCounters(), writes]);
    expect(written.status).toBe("fulfilled");
    expect(rebuilt).toMatchObject({ status: "fulfilled", value: { organizations: 520, divisions: 3 } });
    await expectCountersOfRegister();
  });

  it("the local runtime counts a table from before the counters when it starts", async () => {
    await dropCounters();
    const again = await startHarness({ tableName: h.tableName, now: "2026-03-02T09:00:00+08:00" });
    try {
      expect(await (again.runtime.deps.store as DynamoStore).countersMissing()).toBe(false);
      await expectCountersOfRegister();
    } finally {
      await again.stop();
    }
  });

  it("for any sequence of changes, the counters the transactions keep are the register's, and so are those counted again", async () => {
    const step = fc.record({
      slot: fc.nat(5),
      status: fc.constantFrom("registered" as const, "revoked" as const, "deregistered" as const),
      grade: fc.option(fc.constantFrom("5A" as const, "3A" as const, "1A" as const), { nil: undefined }),
      listed: fc.boolean(),
    });
    const slots = new Map<number, string>();
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 8 }), async (changes) => {
        for (const c of changes) {
          const edit = (o: OrganizationRecord): OrganizationRecord => {
            const { grade: _, ...rest } = o;
            return {
              ...rest,
              status: c.status,
              ...(c.grade ? { grade: { level: c.grade, validUntil: "2027-06-30" } } : {}),
              creditLists: c.listed
                ? [{ list: "abnormal", ground: "annual_report_missed", since: "2025-09-01", decidedBy: "t" }]
                : [],
            };
          };
          const uscc = slots.get(c.slot);
          if (uscc === undefined) {
            const created = edit(organization(c.slot));
            await store.transact([{ op: "putOrganization", organization: created, expectVersion: "absent" }]);
            slots.set(c.slot, created.uscc);
          } else {
            await change(uscc, edit);
          }
        }
        await expectCountersOfRegister();
        await dropCounters();
        await store.rebuildCounters();
        await expectCountersOfRegister();
      }),
      { numRuns: 8 },
    );
  });
});
