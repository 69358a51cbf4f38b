import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shanghaiDate } from "../../shared/domain/calendar/index.js";
import { issueUscc } from "../../shared/domain/identifiers/index.js";
import type { OrganizationRecord } from "../../shared/domain/organizations/records.js";
import { jurisdictionStatistics } from "../../shared/domain/organizations/statistics.js";
import type { DynamoStore } from "../../shared/store/dynamo-store.js";
import { COUNTER_SHARDS } from "../../shared/store/keys.js";
import { listRegister } from "../../shared/usecases/list-register.js";
import { Browser } from "./browser.js";
import { type Harness, startHarness } from "./harness.js";

const TYPES = [
  ["social_group", "1"],
  ["social_service", "2"],
  ["foundation", "3"],
] as const;
const GRADES = ["5A", "4A", "3A", "2A", "1A"] as const;

/** Organizations numbered from `from`, of every type, with grades, list entries and reports among them. */
function organizations(from: number, count: number, jurisdiction: string): OrganizationRecord[] {
  return Array.from({ length: count }, (_, k) => {
    const i = from + k;
    const [orgType, category] = TYPES[i % 3] as (typeof TYPES)[number];
    return {
      uscc: issueUscc({
        category,
        division: jurisdiction,
        organizationCodeBody: `R${String(i).padStart(7, "0")}`,
      }),
      name: `上海市第${i}号社会组织`,
      orgType,
      status: i % 17 === 0 ? "revoked" : "registered",
      jurisdiction,
      registeredOn: "2018-06-01",
      contact: { email: `org${i}@example.org`, phone: "13800138000" },
      ...(i % 4 === 0 ? { grade: { level: GRADES[i % 5] ?? "3A", validUntil: "2029-12-31" } } : {}),
      creditLists:
        i % 9 === 0
          ? [{ list: "abnormal", ground: "annual_report_missed", since: "2025-07-01", decidedBy: "t" }]
          : [],
      annualInspections: i % 2 === 0 ? [{ year: 2025, outcome: "pass" }] : [],
      createdAt: "2026-01-01T00:00:00.000Z",
      version: 1,
    };
  });
}

let h: Harness;
let store: DynamoStore;
const admin = { role: "admin", sub: "t" } as const;

beforeAll(async () => {
  h = await startHarness({ now: "2026-03-02T09:00:00+08:00" });
  store = h.runtime.deps.store as DynamoStore;
});
afterAll(() => h?.stop());

async function load(from: number, count: number, jurisdiction: string) {
  await store.putMany(
    organizations(from, count, jurisdiction).map((organization) => ({
      op: "putOrganization",
      organization,
      expectVersion: "absent",
    })),
  );
}

/** The items and requests one call reads, by the store's own count. */
async function reads(call: () => Promise<unknown>) {
  const before = store.readStats();
  await call();
  const after = store.readStats();
  return { requests: after.requests - before.requests, items: after.items - before.items };
}

async function registerOf(jurisdiction: string) {
  return (await listRegister(h.runtime.deps, admin, { jurisdiction, limit: 0 })).items.length;
}

describe("the dashboard reads counters, not the register", () => {
  const sizes: [label: string, total: number][] = [
    ["60", 60],
    ["1,200", 1200],
  ];
  let loaded = 0;
  const seen: { items: number; requests: number }[] = [];

  it.each(sizes)(
    "at %s organizations GET /stats and the dashboard page read at most 50 items, and their figures are the register's",
    async (_label, total) => {
      await load(loaded, total - loaded, "310114");
      loaded = total;
      const officer = await h.token({ role: "regulator", sub: "officer", jurisdiction: "310114" });
      let stats: Record<string, unknown> = {};
      const api = await reads(async () => {
        stats = (await h.call("GET", "/stats?year=2025", { token: officer })).body;
      });
      const b = new Browser(h);
      await b.signIn({ who: "regulator", division: "310114" });
      let html = "";
      const page = await reads(async () => {
        html = (await b.request("GET", "/console/dashboard?year=2025")).html;
      });
      expect(api.items).toBeLessThanOrEqual(50);
      expect(page.items).toBeLessThanOrEqual(50);
      expect(api.requests).toBeLessThanOrEqual(50);
      seen.push(api);

      const register = (await listRegister(h.runtime.deps, admin, { jurisdiction: "310114", limit: 0 }))
        .items;
      expect(register).toHaveLength(total);
      const all: OrganizationRecord[] = [];
      for (let after: string | undefined, first = true; first || after; first = false) {
        const got = await store.listOrganizations("310114", after ? { after, limit: 500 } : { limit: 500 });
        all.push(...got.items);
        after = got.next;
      }
      const expected = jurisdictionStatistics(all, 2025, shanghaiDate(h.runtime.clock.now()));
      expect(stats).toMatchObject(JSON.parse(JSON.stringify(expected)));
      expect(html).toContain(`<td>${expected.organizations.total}</td>`);
    },
  );

  it("reads no more than a division's counter items, in as many requests at 1,200 organizations as at 60", () => {
    expect(seen).toHaveLength(2);
    // Sixteen shards of the busy counts, one item of grades and one of list entries, and the caller's grant.
    for (const r of seen) expect(r.items).toBeLessThanOrEqual(COUNTER_SHARDS + 2 + 1);
    expect(seen[1]?.requests).toBe(seen[0]?.requests);
  });

  it("a city grant reads its districts' figures together", async () => {
    await load(5000, 40, "310112");
    const city = await h.token({ role: "regulator", sub: "city", jurisdiction: "310000" });
    const stats = await h.call<{ organizations: { total: number } }>("GET", "/stats?year=2025", {
      token: city,
    });
    expect(stats.status).toBe(200);
    expect(stats.body.organizations.total).toBe((await registerOf("310114")) + (await registerOf("310112")));
  });
});

describe("the register a page at a time", () => {
  it("pages of 50 list every organization of the jurisdiction once", async () => {
    const seen = new Set<string>();
    let after: string | undefined;
    let pages = 0;
    do {
      const page = await listRegister(
        h.runtime.deps,
        { role: "regulator", sub: "officer", jurisdiction: "310114" },
        {
          limit: 50,
          ...(after ? { after } : {}),
        },
      );
      expect(page.items.length).toBeLessThanOrEqual(50);
      for (const row of page.items) {
        expect(seen.has(row.uscc)).toBe(false);
        seen.add(row.uscc);
      }
      after = page.next;
      pages++;
    } while (after);
    expect(seen.size).toBe(await registerOf("310114"));
    expect(pages).toBeGreaterThanOrEqual(24);
  });
});
