import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueUscc } from "../../shared/domain/identifiers/index.js";
import { type Harness, startHarness } from "./harness.js";

let h: Harness;
let officer: string;
let org: string;
const uscc = issueUscc({ category: "1", division: "310114", organizationCodeBody: "MJ4000E0" });
const other = issueUscc({ category: "1", division: "310114", organizationCodeBody: "MJ4000E1" });

type Task = { taskId: string; caseId: string; step: string; dueDate: string };
type CaseView = {
  status: string;
  deadlines: { kind: string; dueDate: string; status: string }[];
  timeline: { action: string; note?: string }[];
};
type Reported = { caseId: string; timing: string; responseDueDate?: string; summaryDueDate?: string };

const importOrg = (code: string, name: string, extra: Record<string, unknown> = {}) =>
  h.call("POST", "/organizations", {
    token: officer,
    body: {
      uscc: code,
      name,
      orgType: "social_group",
      jurisdiction: "310114",
      registeredOn: "2020-06-01",
      legalRepresentative: { name: "王芳", idNumber: "11010519491231002X", phone: "13800138000" },
      contact: { email: `${code}@example.org`, phone: "13400000002" },
      ...extra,
    },
  });
const report = (
  body: Record<string, unknown>,
  token = org,
  target = uscc,
  headers?: Record<string, string>,
) =>
  h.call<Reported>("POST", `/organizations/${target}/major-events`, {
    token,
    body,
    ...(headers ? { headers } : {}),
  });
const viewCase = async (caseId: string) =>
  (await h.call<CaseView>("GET", `/cases/${caseId}`, { token: org })).body;
const queue = async () =>
  (await h.call<{ items: Task[] }>("GET", "/tasks?queue=major_event&status=open", { token: officer })).body
    .items;
const taskOf = async (caseId: string) => {
  const task = (await queue()).find((t) => t.caseId === caseId);
  if (!task) throw new Error(`no major_event task for ${caseId}`);
  return task;
};
const decide = (taskId: string, body: Record<string, unknown>) =>
  h.call("POST", `/tasks/${taskId}/decision`, { token: officer, body });

beforeAll(async () => {
  // Thursday 5 June 2025, just after the Dragon Boat holiday (31 May – 2 June).
  h = await startHarness({ now: "2025-06-05T09:00:00+08:00" });
  officer = await h.token({ role: "regulator", sub: "jd-officer", jurisdiction: "310114" });
  org = await h.token({ role: "org", sub: "secretary", uscc });
  expect(
    (await importOrg(uscc, "上海市嘉定区摄影行业协会", { term: { start: "2020-06-01", end: "2025-05-31" } }))
      .status,
  ).toBe(201);
  expect((await importOrg(other, "上海市嘉定区书法行业协会")).status).toBe(201);
});
afterAll(() => h.stop());

describe("major events (重大事项报告)", () => {
  it("a forum reported 15 days ahead is reviewed with no objection, and its summary filed", async () => {
    const res = await report(
      {
        eventType: "large_event",
        eventDate: "2025-06-20",
        title: "嘉定摄影论坛",
        details: "300 人，嘉定区文化馆",
      },
      org,
      uscc,
      { "idempotency-key": "forum-1" },
    );
    // 20 June less 15 days is 5 June; the answer is due the working day before; the summary 15 days after,
    // 5 July being a Saturday, on Monday 7 July.
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      timing: "on_time",
      responseDueDate: "2025-06-19",
      summaryDueDate: "2025-07-07",
    });
    const again = await report(
      {
        eventType: "large_event",
        eventDate: "2025-06-20",
        title: "嘉定摄影论坛",
        details: "300 人，嘉定区文化馆",
      },
      org,
      uscc,
      { "idempotency-key": "forum-1" },
    );
    expect(again.body.caseId).toBe(res.body.caseId);
    const { caseId } = res.body;

    const task = await taskOf(caseId);
    expect(task).toMatchObject({ step: "major_event_review", dueDate: "2025-06-19" });
    const objectionWithoutReason = await decide(task.taskId, { outcome: "object" });
    expect(objectionWithoutReason.status).toBe(400);
    expect(JSON.stringify(objectionWithoutReason.body)).toContain("reason");
    expect((await decide(task.taskId, { outcome: "no_objection" })).status).toBe(200);
    expect((await decide(task.taskId, { outcome: "no_objection" })).status).toBe(409);

    let view = await viewCase(caseId);
    expect(view.status).toBe("no_objection");
    expect(view.deadlines).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: "event_response", dueDate: "2025-06-19", status: "met" }),
        expect.objectContaining({ kind: "event_summary", dueDate: "2025-07-07", status: "open" }),
      ]),
    );

    await h.call("POST", "/admin/clock", { body: { now: "2025-06-23T10:00:00+08:00" } });
    expect(
      (await h.call("POST", `/cases/${caseId}/summary`, { token: org, body: { text: "" } })).status,
    ).toBe(400);
    const summary = await h.call("POST", `/cases/${caseId}/summary`, {
      token: org,
      body: { text: "论坛如期举办，到场 280 人" },
    });
    expect(summary.status).toBe(200);
    expect(
      (await h.call("POST", `/cases/${caseId}/summary`, { token: org, body: { text: "again" } })).status,
    ).toBe(409);
    view = await viewCase(caseId);
    expect(view.deadlines).toContainEqual(expect.objectContaining({ kind: "event_summary", status: "met" }));
    expect(view.timeline.map((e) => e.action)).toContain("summary_filed");
    const deadlines = await h.call<{ items: { kind: string; status: string }[] }>(
      "GET",
      `/organizations/${uscc}/deadlines`,
      { token: org },
    );
    expect(deadlines.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: "event_response", status: "met" }),
        expect.objectContaining({ kind: "event_summary", status: "met" }),
      ]),
    );
  });

  it("a late report is accepted and marked late; a filed-only event is filed at once", async () => {
    // Ten working days after 20 May: 21–23, 26–30 May, 3–4 June (the holiday skipped); 5 June is one too many.
    const res = await report({
      eventType: "litigation",
      eventDate: "2025-05-20",
      title: "合同纠纷诉讼",
      details: "一审",
    });
    expect(res.status).toBe(201);
    expect(res.body.timing).toBe("late");
    expect(res.body.responseDueDate).toBeUndefined();
    expect(res.body.summaryDueDate).toBeUndefined();
    const view = await viewCase(res.body.caseId);
    expect(view.status).toBe("filed");
    expect(view.timeline.map((e) => e.action)).toEqual(
      expect.arrayContaining(["reported", "marked_late", "filed"]),
    );
    const timeline = await h.call<{ items: { action: string; note?: string }[] }>(
      "GET",
      `/organizations/${uscc}/timeline`,
      { token: officer },
    );
    expect(timeline.body.items).toContainEqual(
      expect.objectContaining({ action: "major_event_reported_late", note: res.body.caseId }),
    );
    expect((await queue()).some((t) => t.caseId === res.body.caseId)).toBe(false);
  });

  it("an objection closes the review with its reason and waives the summary", async () => {
    const res = await report({
      eventType: "commendation",
      eventDate: "2025-07-30",
      title: "年度摄影评比",
      details: "设一等奖",
    });
    const task = await taskOf(res.body.caseId);
    expect((await decide(task.taskId, { outcome: "object", reason: "未经评比达标表彰审批" })).status).toBe(
      200,
    );
    const view = await viewCase(res.body.caseId);
    expect(view.status).toBe("objected");
    expect(view.deadlines).toContainEqual(
      expect.objectContaining({ kind: "event_summary", status: "waived" }),
    );
    expect(
      (await h.call("POST", `/cases/${res.body.caseId}/summary`, { token: org, body: { text: "x" } })).status,
    ).toBe(409);
  });

  it("an emergency is followed up by the bureau", async () => {
    const res = await report({
      eventType: "emergency",
      eventDate: "2025-06-23",
      title: "活动现场踩踏",
      details: "2 人轻伤",
    });
    expect(res.body.timing).toBe("on_time");
    const task = await taskOf(res.body.caseId);
    expect(task.step).toBe("major_event_follow_up");
    expect((await decide(task.taskId, { outcome: "acknowledge" })).status).toBe(200);
    expect((await viewCase(res.body.caseId)).status).toBe("acknowledged");
  });

  it("refuses an unknown event type, naming the field, and writes nothing", async () => {
    const before = (await h.call<{ items: unknown[] }>("GET", "/cases", { token: org })).body.items.length;
    const res = await report({ eventType: "picnic", eventDate: "2025-07-01", title: "t", details: "d" });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain("eventType");
    expect((await h.call<{ items: unknown[] }>("GET", "/cases", { token: org })).body.items).toHaveLength(
      before,
    );
  });

  it("an organization cannot report or apply for another", async () => {
    const body = { eventType: "large_event", eventDate: "2025-08-01", title: "t", details: "d" };
    expect((await report(body, org, other)).status).toBe(403);
    const noUscc = await h.token({ role: "org", sub: "someone" });
    expect((await report(body, noUscc, uscc)).status).toBe(403);
    expect((await report(body, officer, uscc)).status).toBe(403);
    const change = { changes: { domicile: "嘉定区某路 9 号" }, materials: [] };
    expect(
      (await h.call("POST", `/organizations/${other}/changes`, { token: org, body: change })).status,
    ).toBe(403);
    const dereg = {
      reason: "x",
      liquidation: { reportRef: "r", completedOn: "2025-06-01" },
      materials: [{ kind: "application_form", ref: "f" }],
    };
    expect(
      (await h.call("POST", `/organizations/${other}/deregistration`, { token: org, body: dereg })).status,
    ).toBe(403);
  });
});
