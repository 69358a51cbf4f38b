import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueUscc } from "../../shared/domain/identifiers/index.js";
import { type Harness, startHarness } from "./harness.js";

/**
 * The four paths a new user found wrong, replayed on one timeline from 2 January 2025: a report filed
 * before its season, an organization imported into an open season, extensions before and after a miss
 * (with overlapping sweeps), and a deadline whose miss does nothing else (a grade's expiry).
 */

let h: Harness;
let officer: string;

type Sweep = { fired: number; reminders: number; alerts: number; errors: number; missed: number };
type Deadline = { deadlineId: string; kind: string; ref: string; dueDate: string; status: string };
type PublicRecord = {
  creditLists: { list: string; ground: string; since: string }[];
  creditListHistory: { list: string; ground: string; since: string; until: string }[];
};
type Outbox = { items: { id: string; kind: string; channel: string }[] };

const orgs = {
  compliant: { body: "MJ4000A0", name: "上海市嘉定区守时服务中心" },
  graded: {
    body: "MJ4000B0",
    name: "上海市嘉定区评估服务中心",
    grade: { level: "3A", validUntil: "2025-03-31" },
  },
  extended: { body: "MJ4000C0", name: "上海市嘉定区宽限服务中心" },
  reopened: { body: "MJ4000D0", name: "上海市嘉定区补报服务中心" },
  latecomer: { body: "MJ4000E0", name: "上海市嘉定区新入服务中心" },
};
type Key = keyof typeof orgs;
const usccOf = (k: Key) =>
  issueUscc({ category: "2", division: "310114", organizationCodeBody: orgs[k].body });
const emailOf = (k: Key) => `${k}@example.org`;

const moveTo = (now: string) => h.call("POST", "/admin/clock", { body: { now } });
const sweep = async () => (await h.call<Sweep>("POST", "/admin/sweep")).body;
const deadlines = async (k: Key) =>
  (await h.call<{ items: Deadline[] }>("GET", `/organizations/${usccOf(k)}/deadlines`, { token: officer }))
    .body.items;
const annualReport = async (k: Key) => (await deadlines(k)).find((d) => d.kind === "annual_report");
const publicRecord = async (k: Key) =>
  (await h.call<PublicRecord>("GET", `/organizations/${usccOf(k)}`)).body;
const reminders = async (k: Key) =>
  (await h.call<Outbox>("GET", `/outbox?to=${encodeURIComponent(emailOf(k))}`)).body.items.filter((m) =>
    m.kind.endsWith("annual_report"),
  );
const extend = (deadlineId: string, dueDate: string) =>
  h.call<Deadline>("POST", `/deadlines/${deadlineId}/extension`, {
    token: officer,
    body: { dueDate, reason: "受疫情影响，经申请延期报送" },
  });

async function importOrganization(k: Key) {
  const o = orgs[k];
  const res = await h.call("POST", "/organizations", {
    token: officer,
    body: {
      uscc: usccOf(k),
      name: o.name,
      orgType: "social_service",
      jurisdiction: "310114",
      registeredOn: "2020-07-01",
      contact: { email: emailOf(k), phone: "13600000000" },
      ...("grade" in o ? { grade: o.grade } : {}),
    },
  });
  expect(res.status).toBe(201);
}

const report2024 = {
  year: 2024,
  activities: "开展社区服务活动24场。",
  finances: {
    incomeCny: 500_000,
    expensesCny: 450_000,
    netAssetsCny: 1_000_000,
    publicWelfareSpendingCny: 300_000,
    adminCostsCny: 40_000,
  },
  governance: { meetingsHeld: 2, termStart: "2022-01-01", termEnd: "2026-12-31" },
  leaders: [{ name: "李明", role: "理事长", birthDate: "1970-02-02", official: "none" }],
  staff: { fullTime: 3, partTime: 5 },
};

beforeAll(async () => {
  h = await startHarness({ now: "2025-01-02T09:00:00+08:00" });
  officer = await h.token({ role: "regulator", sub: "officer-dl", jurisdiction: "310114" });
  for (const k of ["compliant", "graded", "extended", "reopened"] as const) await importOrganization(k);
});
afterAll(() => h.stop());

describe("one timeline through the 2024 annual-report season", () => {
  it("a report filed before the season opens counts: its deadline is met and nobody is listed", async () => {
    await moveTo("2025-01-10T10:00:00+08:00");
    const org = await h.token({ role: "org", sub: "compliant-staff", uscc: usccOf("compliant") });
    const filed = await h.call("POST", `/organizations/${usccOf("compliant")}/annual-reports`, {
      token: org,
      body: report2024,
    });
    expect(filed.status).toBe(201);

    await moveTo("2025-03-02T09:00:00+08:00");
    const opened = await h.call("POST", "/annual-report-seasons", { token: officer, body: { year: 2024 } });
    expect(opened.status).toBe(200);
    expect(opened.body).toMatchObject({ year: 2024, jurisdiction: "310114", organizations: 4 });
    expect(await annualReport("compliant")).toMatchObject({ ref: "2024", status: "met" });
    expect(await annualReport("extended")).toMatchObject({
      ref: "2024",
      dueDate: "2025-06-03",
      status: "open",
    });
  });

  it("a season is a record regulators list, and another jurisdiction's is not theirs to open", async () => {
    const seasons = await h.call<{ items: Record<string, unknown>[] }>("GET", "/annual-report-seasons", {
      token: officer,
    });
    expect(seasons.status).toBe(200);
    expect(seasons.body.items).toEqual([
      expect.objectContaining({
        year: 2024,
        jurisdiction: "310114",
        openedBy: "regulator:officer-dl",
        openedAt: expect.stringMatching(/^2025-03-02T01:00/),
        dueDates: expect.objectContaining({ social_service: "2025-06-03", foundation: "2025-06-03" }),
      }),
    ]);
    const elsewhere = await h.call("POST", "/annual-report-seasons", {
      token: officer,
      body: { year: 2024, jurisdiction: "310115" },
    });
    expect(elsewhere.status).toBe(403);
  });

  it("an organization imported while the season is open gets its deadline at once", async () => {
    await moveTo("2025-03-05T09:00:00+08:00");
    await importOrganization("latecomer");
    expect(await annualReport("latecomer")).toMatchObject({
      ref: "2024",
      dueDate: "2025-06-03",
      status: "open",
    });
  });

  it("an extended deadline reminds again for its new date, once, under three overlapping sweeps", async () => {
    await moveTo("2025-05-04T09:30:00+08:00");
    expect((await sweep()).errors).toBe(0);
    expect(await reminders("extended")).toHaveLength(1);
    await moveTo("2025-05-10T09:00:00+08:00");
    const id = (await annualReport("extended"))?.deadlineId as string;
    const res = await extend(id, "2025-06-30");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ dueDate: "2025-06-30", status: "extended" });

    await moveTo("2025-05-31T10:00:00+08:00");
    const runs = await Promise.all([sweep(), sweep(), sweep()]);
    expect(runs.map((r) => r.errors)).toEqual([0, 0, 0]);
    // The extended one's new 30-day reminder, and the other two's 7-day reminders, once each.
    for (const k of ["extended", "reopened", "latecomer"] as const) {
      const sent = await reminders(k);
      expect(sent).toHaveLength(2);
      expect(new Set(sent.map((m) => m.id)).size).toBe(2);
    }
    expect(runs.reduce((n, r) => n + r.fired, 0)).toBeGreaterThanOrEqual(3);
  });

  it("a deadline whose miss does nothing else is missed all the same (a grade's expiry)", async () => {
    await moveTo("2025-06-04T09:30:00+08:00");
    const run = await sweep();
    expect(run.errors).toBe(0);
    expect(run.missed).toBeGreaterThanOrEqual(2);
    expect((await deadlines("graded")).find((d) => d.kind === "grade_expiry")).toMatchObject({
      dueDate: "2025-03-31",
      status: "missed",
    });
    expect(await annualReport("reopened")).toMatchObject({ status: "missed" });
    expect((await publicRecord("reopened")).creditLists).toEqual([
      { list: "abnormal", ground: "annual_report_not_submitted", since: "2025-06-04" },
    ]);
    await moveTo("2025-06-05T10:00:00+08:00");
    await sweep();
    expect((await publicRecord("compliant")).creditLists).toEqual([]);
    expect(await annualReport("extended")).toMatchObject({ status: "extended" });
    expect((await publicRecord("extended")).creditLists).toEqual([]);
  });

  it("a missed deadline extended is open again, its listing ends, and it can be missed again", async () => {
    const id = (await annualReport("reopened"))?.deadlineId as string;
    const res = await extend(id, "2025-06-30");
    expect(res.status).toBe(200);
    expect(await annualReport("reopened")).toMatchObject({ dueDate: "2025-06-30", status: "extended" });
    const record = await publicRecord("reopened");
    expect(record.creditLists).toEqual([]);
    expect(record.creditListHistory).toEqual([
      { list: "abnormal", ground: "annual_report_not_submitted", since: "2025-06-04", until: "2025-06-05" },
    ]);
    const timeline = await h.call<{ items: { action: string }[] }>(
      "GET",
      `/organizations/${usccOf("reopened")}/timeline`,
      { token: officer },
    );
    expect(timeline.body.items.map((e) => e.action).sort()).toEqual([
      "credit_exit:abnormal",
      "credit_listed:abnormal",
      "deadline_extended:annual_report",
    ]);

    await moveTo("2025-06-23T09:30:00+08:00");
    const before = (await reminders("reopened")).length;
    expect(await sweep()).toMatchObject({ errors: 0 });
    expect(await reminders("reopened")).toHaveLength(before + 1);

    await moveTo("2025-07-01T09:30:00+08:00");
    expect(await sweep()).toMatchObject({ errors: 0 });
    expect(await annualReport("reopened")).toMatchObject({ status: "missed" });
    expect((await publicRecord("reopened")).creditLists).toEqual([
      { list: "abnormal", ground: "annual_report_not_submitted", since: "2025-07-01" },
    ]);
    // Nothing collides on later sweeps, and nothing is left to fire until the escalation a week on.
    expect(await sweep()).toMatchObject({ fired: 0, errors: 0 });
  });
});
