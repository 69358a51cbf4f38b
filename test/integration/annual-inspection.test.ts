import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueUscc } from "../../shared/domain/identifiers/index.js";
import { type Harness, startHarness } from "./harness.js";

let h: Harness;
let officer: string;

const orgs = {
  dual: {
    body: "MJ2000A0",
    category: "1" as const,
    orgType: "social_group",
    name: "上海市嘉定区书法家协会",
    supervisoryUnit: "上海市嘉定区文化和旅游局",
  },
  direct: {
    body: "MJ2000B0",
    category: "2" as const,
    orgType: "social_service",
    name: "上海市嘉定区阳光社区服务中心",
  },
  failing: {
    body: "MJ2000C0",
    category: "3" as const,
    orgType: "foundation",
    name: "上海市嘉定区助学基金会",
  },
  late: {
    body: "MJ2000D0",
    category: "2" as const,
    orgType: "social_service",
    name: "上海市嘉定区启明服务社",
  },
  graded: {
    body: "MJ2000E0",
    category: "1" as const,
    orgType: "social_group",
    name: "上海市嘉定区汽车行业协会",
    supervisoryUnit: "上海市嘉定区经济委员会",
    grade: { level: "4A", validUntil: "2028-12-31" },
  },
};
type Key = keyof typeof orgs;
const usccOf = (k: Key) =>
  issueUscc({ category: orgs[k].category, division: "310114", organizationCodeBody: orgs[k].body });
const tokens: Partial<Record<Key, string>> = {};

const report = (overrides: Record<string, unknown> = {}) => ({
  year: 2025,
  activities: "开展公益讲座12场，服务居民3000人次。",
  finances: {
    incomeCny: 1_200_000,
    expensesCny: 1_000_000,
    netAssetsCny: 3_000_000,
    publicWelfareSpendingCny: 800_000,
    adminCostsCny: 90_000,
  },
  governance: { meetingsHeld: 4, termStart: "2021-06-01", termEnd: "2026-05-31" },
  leaders: [{ name: "王芳", role: "理事长", birthDate: "1968-04-12", official: "none" }],
  staff: { fullTime: 6, partTime: 12 },
  ...overrides,
});

beforeAll(async () => {
  h = await startHarness({ now: "2026-01-05T09:00:00+08:00" });
  officer = await h.token({ role: "regulator", sub: "officer-ai", jurisdiction: "310114" });
  for (const [key, o] of Object.entries(orgs) as [Key, (typeof orgs)[Key]][]) {
    const uscc = usccOf(key);
    const res = await h.call("POST", "/organizations", {
      token: officer,
      body: {
        uscc,
        name: o.name,
        orgType: o.orgType,
        jurisdiction: "310114",
        registeredOn: "2019-03-15",
        contact: { email: `${key}@example.org`, phone: "13500000000" },
        ...("supervisoryUnit" in o ? { supervisoryUnit: o.supervisoryUnit } : {}),
        ...("grade" in o ? { grade: o.grade } : {}),
      },
    });
    expect(res.status).toBe(201);
    tokens[key] = await h.token({ role: "org", sub: `${key}-staff`, uscc });
  }
});
afterAll(() => h.stop());

async function file(key: Key, body = report()) {
  const res = await h.call<{ caseId: string; status: string }>(
    "POST",
    `/organizations/${usccOf(key)}/annual-reports`,
    {
      token: tokens[key],
      body,
    },
  );
  expect(res.status).toBe(201);
  return res.body;
}

async function decide(queue: string, caseId: string, outcome: string, reason?: string, token = officer) {
  const list = await h.call<{ items: { taskId: string; caseId: string }[] }>("GET", `/tasks?queue=${queue}`, {
    token,
  });
  const task = list.body.items.find((t) => t.caseId === caseId);
  expect(task, `an open ${queue} task for ${caseId}`).toBeDefined();
  const res = await h.call("POST", `/tasks/${task?.taskId}/decision`, {
    token,
    body: { outcome, ...(reason ? { reason } : {}) },
  });
  expect(res.status).toBe(200);
}

const caseStatus = async (key: Key, caseId: string) =>
  (await h.call<{ status: string }>("GET", `/cases/${caseId}`, { token: tokens[key] })).body.status;
const publicRecord = async (key: Key) =>
  (
    await h.call<{
      annualInspections: { year: number; outcome: string }[];
      creditLists: { list: string; ground: string }[];
    }>("GET", `/organizations/${usccOf(key)}`)
  ).body;

describe("annual inspection (年度检查)", () => {
  it("opens the season: an annual-report deadline for every organization, once", async () => {
    const first = await h.call<{ organizations: number; created: number }>("POST", "/annual-report-seasons", {
      token: officer,
      body: { year: 2025 },
    });
    expect(first.body).toMatchObject({ organizations: 5, created: 5 });
    const again = await h.call<{ created: number }>("POST", "/annual-report-seasons", {
      token: officer,
      body: { year: 2025 },
    });
    expect(again.body.created).toBe(0);
    const early = await h.call("POST", "/annual-report-seasons", { token: officer, body: { year: 2030 } });
    expect(early.status).toBe(422);
    const deadlines = await h.call<{ items: { kind: string; dueDate: string }[] }>(
      "GET",
      `/organizations/${usccOf("direct")}/deadlines`,
      { token: tokens.direct },
    );
    // 31 May 2026 is a Sunday: the period ends on Monday 1 June.
    expect(deadlines.body.items).toContainEqual(
      expect.objectContaining({ kind: "annual_report", dueDate: "2026-06-01" }),
    );
  });

  it("dual management: the supervisory unit pre-reviews, then the bureau decides 合格", async () => {
    const { caseId, status } = await file("dual");
    expect(status).toBe("supervisory_review");
    const unit = await h.token({
      role: "supervisory_unit",
      sub: "culture-unit",
      unit: orgs.dual.supervisoryUnit,
    });
    await decide("supervisory_review", caseId, "consent", undefined, unit);
    expect(await caseStatus("dual", caseId)).toBe("under_review");
    await decide("annual_inspection", caseId, "pass");
    expect(await caseStatus("dual", caseId)).toBe("inspected");
    expect((await publicRecord("dual")).annualInspections).toEqual([{ year: 2025, outcome: "pass" }]);
    const deadlines = await h.call<{ items: { kind: string; status: string }[] }>(
      "GET",
      `/organizations/${usccOf("dual")}/deadlines`,
      { token: tokens.dual },
    );
    expect(deadlines.body.items).toContainEqual(
      expect.objectContaining({ kind: "annual_report", status: "met" }),
    );
  });

  it("without a supervisory unit the report goes straight to the bureau: 合格", async () => {
    const { caseId, status } = await file("direct");
    expect(status).toBe("under_review");
    expect((await publicRecord("direct")).annualInspections).toEqual([{ year: 2025, outcome: "pending" }]);
    await decide("annual_inspection", caseId, "pass");
    expect((await publicRecord("direct")).annualInspections).toEqual([{ year: 2025, outcome: "pass" }]);
  });

  it("4A and above take the simplified procedure: no supervisory pre-review", async () => {
    const filing = { token: tokens.graded, headers: { "idempotency-key": "graded-2025" }, body: report() };
    const path = `/organizations/${usccOf("graded")}/annual-reports`;
    const filed = await h.call<{ status: string }>("POST", path, filing);
    expect(filed).toMatchObject({ status: 201, body: { status: "under_review" } });
    // Sent again with its key, it answers the same case, where a second report would be 409.
    expect(await h.call("POST", path, filing)).toMatchObject({ status: 201, body: filed.body });
  });

  it("a second report of the same year is 409; another organization can neither file nor read it", async () => {
    const dup = await h.call("POST", `/organizations/${usccOf("dual")}/annual-reports`, {
      token: tokens.dual,
      body: report(),
    });
    expect(dup.status).toBe(409);
    const intruder = await h.call("POST", `/organizations/${usccOf("dual")}/annual-reports`, {
      token: tokens.direct,
      body: report(),
    });
    expect(intruder.status).toBe(403);
    const list = await h.call<{ items: { caseId: string }[] }>("GET", "/cases", { token: tokens.dual });
    const dualCase = list.body.items[0]?.caseId as string;
    expect((await h.call("GET", `/cases/${dualCase}`, { token: tokens.direct })).status).toBe(404);
  });

  it("impossible numbers are 400 with the field named, and nothing is written", async () => {
    const bad = await h.call<{ error: { details: { field: string }[] } }>(
      "POST",
      `/organizations/${usccOf("late")}/annual-reports`,
      {
        token: tokens.late,
        body: report({
          finances: {
            incomeCny: 100,
            expensesCny: 100,
            netAssetsCny: 0,
            publicWelfareSpendingCny: 150,
            adminCostsCny: 0,
          },
        }),
      },
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d) => d.field)).toContain("finances.publicWelfareSpendingCny");
    const negative = await h.call<{ error: { details: { field: string }[] } }>(
      "POST",
      `/organizations/${usccOf("late")}/annual-reports`,
      {
        token: tokens.late,
        body: report({
          finances: {
            incomeCny: -5,
            expensesCny: 100,
            netAssetsCny: 0,
            publicWelfareSpendingCny: 10,
            adminCostsCny: 0,
          },
        }),
      },
    );
    expect(negative.status).toBe(400);
    expect(negative.body.error.details.map((d) => d.field)).toContain("finances.incomeCny");
    expect(
      (await h.call<{ items: unknown[] }>("GET", "/cases", { token: tokens.late })).body.items,
    ).toHaveLength(0);
  });

  it("不合格 → rectification filed → accepted", async () => {
    const { caseId } = await file("failing");
    await decide("annual_inspection", caseId, "fail", "公益支出比例不符合规定");
    expect(await caseStatus("failing", caseId)).toBe("rectifying");
    expect((await publicRecord("failing")).annualInspections).toEqual([{ year: 2025, outcome: "fail" }]);
    const filed = await h.call("POST", `/cases/${caseId}/rectification`, {
      token: tokens.failing,
      body: {
        note: "已调整支出结构并补充公益项目",
        evidence: [{ kind: "audit_report", ref: "file://audit-2025.pdf" }],
      },
    });
    expect(filed.status).toBe(200);
    await decide("annual_inspection", caseId, "accept");
    expect(await caseStatus("failing", caseId)).toBe("rectified");
  });

  it("基本合格 with a rectification that is not done in time lists the organization as abnormal", async () => {
    const { caseId } = await file("late");
    await decide("annual_inspection", caseId, "basic_pass", "理事会会议记录不全");
    const view = await h.call<{ deadlines: { kind: string; dueDate: string }[] }>("GET", `/cases/${caseId}`, {
      token: tokens.late,
    });
    const due = view.body.deadlines.find((d) => d.kind === "rectification")?.dueDate as string;
    expect(due).toBe("2026-02-04");
    await h.call("POST", "/admin/clock", { body: { now: "2026-02-05T00:10:00+08:00" } });
    expect((await h.call<{ fired: number }>("POST", "/admin/sweep")).body.fired).toBeGreaterThanOrEqual(1);
    expect(await caseStatus("late", caseId)).toBe("rectification_missed");
    expect((await publicRecord("late")).creditLists).toEqual([
      expect.objectContaining({
        list: "abnormal",
        ground: "rectification_not_completed",
        since: "2026-02-05",
      }),
    ]);
    const mail = await h.call<{ items: { kind: string }[] }>("GET", "/outbox?to=late@example.org");
    expect(mail.body.items.map((m) => m.kind)).toContain("credit_listed");
  });

  it("removal after the remedy is verified: off the list on the exit date, the two-year move cancelled", async () => {
    const since = "2026-02-05";
    const body = {
      list: "abnormal",
      ground: "rectification_not_completed",
      since,
      remedyVerifiedOn: "2026-02-10",
    };
    expect(
      (
        await h.call("POST", `/organizations/${usccOf("late")}/credit-list-exits`, {
          token: tokens.late,
          body,
        })
      ).status,
    ).toBe(403);
    await h.call("POST", "/admin/clock", { body: { now: "2026-02-10T10:00:00+08:00" } });
    const exit = await h.call<{ until: string }>(
      "POST",
      `/organizations/${usccOf("late")}/credit-list-exits`,
      {
        token: officer,
        body,
      },
    );
    expect(exit.status).toBe(200);
    // Five working days after 10 February 2026, across the Spring Festival holiday and its adjusted Saturday.
    expect(exit.body.until).toBe("2026-02-24");
    expect((await publicRecord("late")).creditLists).toHaveLength(1);
    await h.call("POST", "/admin/clock", { body: { now: "2026-02-24T09:00:00+08:00" } });
    const after = await h.call<{ creditLists: unknown[]; creditListHistory: unknown[] }>(
      "GET",
      `/organizations/${usccOf("late")}`,
    );
    expect(after.body.creditLists).toEqual([]);
    expect(after.body.creditListHistory).toEqual([
      { list: "abnormal", ground: "rectification_not_completed", since, until: "2026-02-24" },
    ]);
    await h.call("POST", "/admin/clock", { body: { now: "2028-02-06T09:00:00+08:00" } });
    await h.call("POST", "/admin/sweep");
    expect((await publicRecord("late")).creditLists).toEqual([]);
  });

  it("statistics: the register, the season's completion and the share graded 3A and above", async () => {
    expect((await h.call("GET", "/stats?year=2025", { token: tokens.direct })).status).toBe(403);
    const stats = await h.call<Record<string, unknown>>("GET", "/stats?year=2025", { token: officer });
    expect(stats.status).toBe(200);
    expect(stats.body).toMatchObject({
      jurisdiction: "310114",
      organizations: { total: 5, byType: { social_group: 2, social_service: 2, foundation: 1 } },
      annualReports: {
        year: 2025,
        mustReport: 5,
        filed: 5,
        outcomes: { pending: 1, pass: 2, basic_pass: 1, fail: 1 },
        completionRate: 1,
      },
      grades: { graded: 1, threeAAndAbove: 1, shareThreeAAndAbove: 0.2 },
      creditLists: { abnormal: 0, serious: 0 },
    });
  });
});
