import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_DISTRICTS, seedDemoBureau } from "../../infra/local/seed.js";
import type { OrganizationRecord } from "../../shared/domain/organizations/records.js";
import { listTasks } from "../../shared/usecases/list-tasks.js";
import { type Harness, startHarness } from "./harness.js";

let h: Harness;
let summary: string | undefined;
const organizations: OrganizationRecord[] = [];

beforeAll(async () => {
  // The demo's own day: last year's season is past its due date, this year's is open.
  h = await startHarness({ now: "2026-12-01T09:00:00+08:00" });
  summary = await seedDemoBureau(h.runtime, 12);
  for (const district of DEMO_DISTRICTS) {
    organizations.push(...(await h.runtime.deps.store.listOrganizations(district, { limit: 1000 })).items);
  }
}, 240_000);
afterAll(() => h?.stop());

describe("the demo bureau npm start seeds", () => {
  it("has organizations of all three types in each of the three districts", () => {
    expect(summary).toMatch(/^36 organizations in 闵行区、嘉定区、崇明区/);
    for (const district of DEMO_DISTRICTS) {
      const here = organizations.filter((o) => o.jurisdiction === district);
      expect(new Set(here.map((o) => o.orgType))).toEqual(
        new Set(["social_group", "social_service", "foundation"]),
      );
    }
  });

  it("has grades, credit-list entries from the sweep, and last year's reports decided and pending", () => {
    expect(organizations.some((o) => o.grade && ["3A", "4A", "5A"].includes(o.grade.level))).toBe(true);
    expect(organizations.some((o) => o.creditLists.some((e) => e.list === "abnormal" && !e.until))).toBe(
      true,
    );
    const outcomes = new Set(
      organizations.flatMap((o) => o.annualInspections.filter((r) => r.year === 2025).map((r) => r.outcome)),
    );
    expect(outcomes.has("pass")).toBe(true);
  });

  it("has applications at every stage and reports waiting in the queues", async () => {
    const statuses = new Set<string>();
    for (let i = 1; i < 12; i++) {
      const mine = await h.call<{ items: { status: string }[] }>("GET", "/cases", {
        token: await h.token({ role: "org", sub: `founder-${i}` }),
      });
      expect(mine.status).toBe(200);
      for (const c of mine.body.items) statuses.add(c.status);
    }
    expect(statuses.size).toBeGreaterThanOrEqual(3);
    const deps = h.runtime.deps;
    let registrations = 0;
    let reports = 0;
    for (const j of DEMO_DISTRICTS) {
      const officer = { role: "regulator", sub: `officer-${j}`, jurisdiction: j } as const;
      registrations += (await listTasks(deps, officer, "registration", "open")).items.length;
      reports += (await listTasks(deps, officer, "annual_inspection", "open")).items.length;
    }
    expect(registrations).toBeGreaterThan(0);
    expect(reports).toBeGreaterThan(0);
  });

  it("has a season in progress and open alerts", async () => {
    const officer = await h.token({ role: "regulator", sub: "officer-310114", jurisdiction: "310114" });
    const stats = await h.call<{ annualReports: { mustReport: number } }>("GET", "/stats?year=2026", {
      token: officer,
    });
    expect(stats.status).toBe(200);
    const alerts = await h.call<{ items: unknown[] }>("GET", "/alerts", { token: officer });
    expect(alerts.status).toBe(200);
    expect(alerts.body.items.length).toBeGreaterThan(0);
  });

  it("seeds once: a second start leaves the store as it is", async () => {
    expect(await seedDemoBureau(h.runtime, 12)).toBeUndefined();
  });
});
