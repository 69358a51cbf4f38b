import { afterAll, beforeAll, expect, it } from "vitest";
import { issueUscc } from "../../shared/domain/identifiers/index.js";
import { type Harness, startHarness } from "./harness.js";

let h: Harness;
let officer: string;
let org: string;
const uscc = issueUscc({ category: "1", division: "310114", organizationCodeBody: "MJ6000F0" });

type Alert = {
  alertId: string;
  uscc?: string;
  rule: string;
  severity: string;
  explanation: string;
  evidence: Record<string, unknown>;
};
const moveTo = (now: string) => h.call("POST", "/admin/clock", { body: { now } });
type Sweep = { fired: number; missed: number; alerts: number };
const sweep = async () => (await h.call<Sweep>("POST", "/admin/sweep")).body;
const alerts = async () =>
  (await h.call<{ items: Alert[] }>("GET", "/alerts?status=open", { token: officer })).body.items.filter(
    (a) => a.uscc === uscc,
  );
const deadlines = async () =>
  (
    await h.call<{ items: { kind: string; ref: string; status: string }[] }>(
      "GET",
      `/organizations/${uscc}/deadlines`,
      { token: officer },
    )
  ).body.items;

beforeAll(async () => {
  h = await startHarness({ now: "2025-06-30T09:00:00+08:00" });
  officer = await h.token({ role: "regulator", sub: "jd-officer", jurisdiction: "310114" });
  org = await h.token({ role: "org", sub: "secretary", uscc });
  const imported = await h.call("POST", "/organizations", {
    token: officer,
    body: {
      uscc,
      name: "上海市嘉定区围棋行业协会",
      orgType: "social_group",
      jurisdiction: "310114",
      registeredOn: "2020-07-01",
      contact: { email: "go@example.org", phone: "13400000009" },
      term: { start: "2020-07-01", end: "2025-06-30" },
    },
  });
  expect(imported.status).toBe(201);
});
afterAll(() => h.stop());

it("a term that ends without an election raises 超期未换届 once, explained; an unanswered event and a missing summary raise theirs", async () => {
  const event = await h.call<{ caseId: string; responseDueDate: string; summaryDueDate: string }>(
    "POST",
    `/organizations/${uscc}/major-events`,
    {
      token: org,
      body: { eventType: "large_event", eventDate: "2025-07-25", title: "围棋邀请赛", details: "120 人" },
    },
  );
  expect(event.status).toBe(201);
  expect(event.body).toMatchObject({ responseDueDate: "2025-07-24", summaryDueDate: "2025-08-11" });

  await moveTo("2025-06-30T23:30:00+08:00");
  await sweep();
  expect(await alerts()).toEqual([]);

  // The miss raises its alert, counted as one raised, not as a step fired; the overdue rung goes at 09:00.
  await moveTo("2025-07-01T00:30:00+08:00");
  expect(await sweep()).toMatchObject({ fired: 0, missed: 1, alerts: 1 });
  expect(await sweep()).toMatchObject({ fired: 0, missed: 0, alerts: 0 });
  const overdue = await alerts();
  expect(overdue).toHaveLength(1);
  expect(overdue[0]).toMatchObject({
    rule: "term_overdue",
    severity: "high",
    explanation:
      "The term of 上海市嘉定区围棋行业协会 that ran from 2020-07-01 ended on 2025-06-30 and no election is on record (超期未换届)",
    evidence: { deadline: "term_end", ref: "2025-06-30", termStart: "2020-07-01" },
  });
  expect(await deadlines()).toContainEqual(expect.objectContaining({ kind: "term_end", status: "missed" }));

  // The bureau lets the answer's day pass; the event happens and its summary is never filed.
  await moveTo("2025-07-25T00:30:00+08:00");
  await sweep();
  await moveTo("2025-08-12T00:30:00+08:00");
  await sweep();
  await sweep();
  const raised = await alerts();
  expect(raised.map((a) => a.rule).sort()).toEqual([
    "event_response_overdue",
    "event_summary_missing",
    "term_overdue",
  ]);
  expect(raised.find((a) => a.rule === "event_response_overdue")?.explanation).toBe(
    `The bureau did not answer “围棋邀请赛” reported by 上海市嘉定区围棋行业协会 (case ${event.body.caseId}) by 2025-07-24, before the event (重大事项未按时答复)`,
  );
  expect(raised.find((a) => a.rule === "event_summary_missing")).toMatchObject({
    severity: "low",
    evidence: { caseId: event.body.caseId, dueDate: "2025-08-11", eventName: "围棋邀请赛" },
  });
});
