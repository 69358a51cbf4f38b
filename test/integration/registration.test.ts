import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isValidUscc } from "../../shared/domain/identifiers/index.js";
import { application, type Harness, startHarness } from "./harness.js";

let h: Harness;
let org: string;
let officer: string;

beforeAll(async () => {
  h = await startHarness();
  org = await h.token({ role: "org", sub: "founder-1" });
  officer = await h.token({ role: "regulator", sub: "officer-1", jurisdiction: "310114" });
});
afterAll(() => h.stop());

async function apply(body = application()) {
  const res = await h.call<{ caseId: string; status: string }>("POST", "/registrations", {
    token: org,
    body,
  });
  expect(res.status).toBe(201);
  return res.body.caseId;
}

async function openTaskOf(caseId: string, queue = "registration") {
  const list = await h.call<{ items: { taskId: string; caseId: string }[] }>(
    "GET",
    `/tasks?queue=${queue}&status=open`,
    {
      token: officer,
    },
  );
  expect(list.status).toBe(200);
  const task = list.body.items.find((t) => t.caseId === caseId);
  expect(task).toBeDefined();
  return task?.taskId as string;
}

describe("registration (成立登记)", () => {
  it("approve: issues a USCC, creates the organization and its public record", async () => {
    const caseId = await apply();
    const taskId = await openTaskOf(caseId);
    expect((await h.call("POST", `/tasks/${taskId}/claim`, { token: officer })).status).toBe(200);
    const decided = await h.call("POST", `/tasks/${taskId}/decision`, {
      token: officer,
      body: { outcome: "approve" },
    });
    expect(decided.status).toBe(200);

    const view = await h.call<{
      status: string;
      uscc: string;
      timeline: { action: string }[];
      deadlines: { kind: string; status: string }[];
    }>("GET", `/cases/${caseId}`, { token: org });
    expect(view.body.status).toBe("approved");
    expect(isValidUscc(view.body.uscc)).toBe(true);
    expect(view.body.uscc.slice(0, 8)).toBe("52310114");
    expect(view.body.timeline.map((e) => e.action)).toEqual([
      "submitted",
      "task_opened:registration_review",
      "decision:approve",
      "registered",
    ]);
    expect(view.body.deadlines).toContainEqual(
      expect.objectContaining({ kind: "decision_limit", status: "met" }),
    );

    const record = await h.call<{ name: string; status: string }>("GET", `/organizations/${view.body.uscc}`);
    expect(record.status).toBe(200);
    expect(record.body).toMatchObject({
      name: "上海市嘉定区阳光社区服务中心",
      status: "registered",
      jurisdiction: "310114",
    });
    expect(JSON.stringify(record.body)).not.toContain("11010519491231002X");

    const mail = await h.call<{ items: { kind: string; status: string }[] }>(
      "GET",
      "/outbox?to=applicant@example.org",
    );
    expect(mail.body.items.map((m) => [m.kind, m.status])).toEqual([
      ["registration_submitted", "sent"],
      ["registration_approved", "sent"],
    ]);
  });
});
