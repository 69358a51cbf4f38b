import { afterAll, beforeAll, expect, it } from "vitest";
import { issueUscc } from "../../shared/domain/identifiers/index.js";
import { type Harness, startHarness } from "./harness.js";

let h: Harness;
let officer: string;
const uscc = issueUscc({ category: "1", division: "310112", organizationCodeBody: "MJ3000A0" });

beforeAll(async () => {
  h = await startHarness({ now: "2025-01-06T09:00:00+08:00" });
  officer = await h.token({ role: "regulator", sub: "mh-officer", jurisdiction: "310112" });
  const res = await h.call("POST", "/organizations", {
    token: officer,
    body: {
      uscc,
      name: "上海市闵行区沉默者协会",
      orgType: "social_group",
      jurisdiction: "310112",
      registeredOn: "2020-05-01",
      contact: { email: "silent@example.org", phone: "13400000001" },
    },
  });
  expect(res.status).toBe(201);
});
afterAll(() => h.stop());

const moveTo = (now: string) => h.call("POST", "/admin/clock", { body: { now } });
const sweep = () => h.call<{ fired: number }>("POST", "/admin/sweep");
type PublicRecord = { creditLists: { list: string; ground: string; since: string }[]; status: string };
const record = async () => (await h.call<PublicRecord>("GET", `/organizations/${uscc}`)).body;

it("no report by the due date → abnormal list; two seasons missed → a revocation review for an officer; two years listed → serious list", async () => {
  await h.call("POST", "/annual-report-seasons", { token: officer, body: { year: 2024 } });
  const deadlines = await h.call<{ items: { kind: string; ref: string; dueDate: string }[] }>(
    "GET",
    `/organizations/${uscc}/deadlines`,
    { token: officer },
  );
  // 31 May 2025 fell in the Dragon Boat holiday (31 May – 2 June): the deadline was 3 June.
  expect(deadlines.body.items).toContainEqual(
    expect.objectContaining({ kind: "annual_report", ref: "2024", dueDate: "2025-06-03" }),
  );

  await moveTo("2025-06-03T23:00:00+08:00");
  await sweep();
  expect((await record()).creditLists).toEqual([]);
  await moveTo("2025-06-04T00:30:00+08:00");
  await sweep();
  expect((await record()).creditLists).toEqual([
    expect.objectContaining({ list: "abnormal", ground: "annual_report_not_submitted", since: "2025-06-04" }),
  ]);
  const firstYear = await h.call<{ items: { caseId: string }[] }>("GET", "/tasks?queue=registration", {
    token: officer,
  });
  expect(firstYear.body.items).toHaveLength(0);

  await moveTo("2026-01-05T09:00:00+08:00");
  await h.call("POST", "/annual-report-seasons", { token: officer, body: { year: 2025 } });
  await moveTo("2026-06-02T00:30:00+08:00");
  await sweep();
  const tasks = await h.call<{ items: { taskId: string; caseId: string; step: string }[] }>(
    "GET",
    "/tasks?queue=registration",
    {
      token: officer,
    },
  );
  const review = tasks.body.items.find((t) => t.step === "revocation_consideration");
  expect(review).toBeDefined();
  // Revocation is the officer's decision, never automatic.
  expect((await record()).status).toBe("registered");
  const kept = await h.call("POST", `/tasks/${review?.taskId}/decision`, {
    token: officer,
    body: { outcome: "keep", reason: "已约谈负责人，承诺限期报送" },
  });
  expect(kept.status).toBe(200);
  const reviewCase = await h.call<{ status: string }>("GET", `/cases/${review?.caseId}`, { token: officer });
  expect(reviewCase.body.status).toBe("kept");

  await moveTo("2027-06-03T23:00:00+08:00");
  await sweep();
  expect((await record()).creditLists.filter((e) => e.list === "serious")).toEqual([]);
  await moveTo("2027-06-04T00:30:00+08:00");
  await sweep();
  expect((await record()).creditLists).toContainEqual(
    expect.objectContaining({ list: "serious", ground: "abnormal_list_two_years", since: "2027-06-04" }),
  );
  const timeline = await h.call<{ items: { action: string }[] }>("GET", `/organizations/${uscc}/timeline`, {
    token: officer,
  });
  expect(timeline.body.items.map((e) => e.action)).toEqual([
    "credit_listed:abnormal",
    "credit_listed:abnormal",
    "credit_listed:serious",
  ]);
});

it("an officer who decides to revoke ends the registration and lists the organization as seriously untrustworthy", async () => {
  const other = issueUscc({ category: "2", division: "310112", organizationCodeBody: "MJ3000B0" });
  await h.call("POST", "/organizations", {
    token: officer,
    body: {
      uscc: other,
      name: "上海市闵行区空转服务中心",
      orgType: "social_service",
      jurisdiction: "310112",
      registeredOn: "2020-05-01",
      contact: { email: "idle@example.org", phone: "13400000002" },
      term: { start: "2024-01-01", end: "2028-12-31" },
    },
  });
  await h.call("POST", "/annual-report-seasons", { token: officer, body: { year: 2026 } });
  await sweep();
  await moveTo("2028-01-05T09:00:00+08:00");
  await h.call("POST", "/annual-report-seasons", { token: officer, body: { year: 2027 } });
  await moveTo("2028-06-01T00:30:00+08:00");
  await sweep();
  const tasks = await h.call<{ items: { taskId: string; caseId: string }[] }>(
    "GET",
    "/tasks?queue=registration",
    {
      token: officer,
    },
  );
  const review = tasks.body.items.find((t) => t.caseId === `REV${other}2027`);
  expect(review).toBeDefined();
  const revoked = await h.call("POST", `/tasks/${review?.taskId}/decision`, {
    token: officer,
    body: { outcome: "revoke", reason: "连续两年未参加年度检查（《社会服务机构登记管理条例》）" },
  });
  expect(revoked.status).toBe(200);
  const publicRecord = await h.call<PublicRecord>("GET", `/organizations/${other}`);
  expect(publicRecord.body.status).toBe("revoked");
  expect(publicRecord.body.creditLists).toContainEqual(
    expect.objectContaining({ list: "serious", ground: "registration_revoked", since: "2028-06-01" }),
  );
  // 撤销登记 closes what was still running, as deregistration does.
  const deadlines = await h.call<{ items: { kind: string; status: string }[] }>(
    "GET",
    `/organizations/${other}/deadlines`,
    { token: officer },
  );
  expect(deadlines.body.items).toContainEqual(
    expect.objectContaining({ kind: "term_end", status: "waived" }),
  );
  expect(deadlines.body.items.filter((d) => d.status === "open")).toEqual([]);
});
