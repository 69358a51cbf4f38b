import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoApplication } from "../../infra/local/seed.js";
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
    expect((view.body as unknown as { certificate: unknown }).certificate).toMatchObject({
      uscc: view.body.uscc,
      caseId,
      name: "上海市嘉定区阳光社区服务中心",
      legalRepresentative: "张三",
    });

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

describe("registration decisions", () => {
  it("reject: closes the case with the reasons and tells the applicant", async () => {
    const caseId = await apply(
      application({ contact: { email: "reject@example.org", phone: "13900000001" } }),
    );
    const taskId = await openTaskOf(caseId);
    const noReason = await h.call<{ error: { details: { field: string }[] } }>(
      "POST",
      `/tasks/${taskId}/decision`,
      {
        token: officer,
        body: { outcome: "reject" },
      },
    );
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.details[0]?.field).toBe("reason");
    const ok = await h.call("POST", `/tasks/${taskId}/decision`, {
      token: officer,
      body: { outcome: "reject", reason: "同一行政区域内已有业务范围相同的社会组织" },
    });
    expect(ok.status).toBe(200);
    const view = await h.call<{ status: string; timeline: { action: string; note?: string }[] }>(
      "GET",
      `/cases/${caseId}`,
      {
        token: org,
      },
    );
    expect(view.body.status).toBe("rejected");
    expect(view.body.timeline.at(-1)).toMatchObject({
      action: "rejected",
      note: "同一行政区域内已有业务范围相同的社会组织",
    });
    const sms = await h.call<{ items: { kind: string }[] }>("GET", "/outbox?to=13900000001");
    expect(sms.body.items.map((m) => m.kind)).toEqual(["registration_submitted", "registration_rejected"]);
    const again = await h.call("POST", `/tasks/${taskId}/decision`, {
      token: officer,
      body: { outcome: "approve" },
    });
    expect(again.status).toBe(409);
  });

  it("supplement: the applicant supplements, the case returns to review with a new task, then is approved", async () => {
    const caseId = await apply(application({ contact: { email: "supp@example.org", phone: "13900000002" } }));
    const first = await openTaskOf(caseId);
    const asked = await h.call("POST", `/tasks/${first}/decision`, {
      token: officer,
      body: { outcome: "request_supplement", reason: "章程缺少理事会议事规则" },
    });
    expect(asked.status).toBe(200);
    const waiting = await h.call<{
      status: string;
      deadlines: { kind: string; status: string; dueDate: string }[];
    }>("GET", `/cases/${caseId}`, { token: org });
    expect(waiting.body.status).toBe("awaiting_supplement");
    expect(waiting.body.deadlines).toContainEqual(
      expect.objectContaining({ kind: "supplement", status: "open" }),
    );
    expect(waiting.body.deadlines).toContainEqual(
      expect.objectContaining({ kind: "decision_limit", status: "paused" }),
    );
    const mail = await h.call<{ items: { kind: string; text: string }[] }>(
      "GET",
      "/outbox?to=supp@example.org",
    );
    expect(mail.body.items.find((m) => m.kind === "supplement_requested")?.text).toContain(
      "章程缺少理事会议事规则",
    );

    const other = await h.token({ role: "org", sub: "someone-else" });
    expect(
      (
        await h.call("POST", `/cases/${caseId}/supplements`, {
          token: other,
          body: { materials: [{ kind: "charter", ref: "x" }] },
        })
      ).status,
    ).toBe(404);
    const filed = await h.call("POST", `/cases/${caseId}/supplements`, {
      token: org,
      body: { materials: [{ kind: "charter", ref: "file://charter-v2.pdf" }] },
    });
    expect(filed.status).toBe(200);
    const second = await openTaskOf(caseId);
    expect(second).not.toBe(first);
    expect(
      (await h.call("POST", `/tasks/${second}/decision`, { token: officer, body: { outcome: "approve" } }))
        .status,
    ).toBe(200);
    const done = await h.call<{ status: string; deadlines: { kind: string; status: string }[] }>(
      "GET",
      `/cases/${caseId}`,
      {
        token: org,
      },
    );
    expect(done.body.status).toBe("approved");
    expect(done.body.deadlines).toContainEqual(
      expect.objectContaining({ kind: "supplement", status: "met" }),
    );
  });

  it("two concurrent decisions on one task: one 200, one 409", async () => {
    const caseId = await apply(application({ contact: { email: "race@example.org", phone: "13900000003" } }));
    const taskId = await openTaskOf(caseId);
    const other = await h.token({ role: "regulator", sub: "officer-2", jurisdiction: "310114" });
    const results = await Promise.all([
      h.call("POST", `/tasks/${taskId}/decision`, { token: officer, body: { outcome: "approve" } }),
      h.call("POST", `/tasks/${taskId}/decision`, {
        token: other,
        body: { outcome: "reject", reason: "材料不实" },
      }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const view = await h.call<{ timeline: { action: string }[] }>("GET", `/cases/${caseId}`, { token: org });
    expect(view.body.timeline.filter((e) => e.action.startsWith("decision:"))).toHaveLength(1);
  });

  it("a claimed task cannot be claimed or decided by another officer", async () => {
    const caseId = await apply(
      application({ contact: { email: "claim@example.org", phone: "13900000004" } }),
    );
    const taskId = await openTaskOf(caseId);
    const other = await h.token({ role: "regulator", sub: "officer-3", jurisdiction: "310114" });
    expect((await h.call("POST", `/tasks/${taskId}/claim`, { token: officer })).status).toBe(200);
    expect((await h.call("POST", `/tasks/${taskId}/claim`, { token: other })).status).toBe(409);
    expect(
      (await h.call("POST", `/tasks/${taskId}/decision`, { token: other, body: { outcome: "approve" } }))
        .status,
    ).toBe(409);
  });
});

describe("idempotency and scope", () => {
  it("the same Idempotency-Key twice gives one case; another body under that key is refused", async () => {
    const body = application({ contact: { email: "idem@example.org", phone: "13900000005" } });
    const headers = { "idempotency-key": "apply-7f3a" };
    const a = await h.call<{ caseId: string }>("POST", "/registrations", { token: org, body, headers });
    const b = await h.call<{ caseId: string }>("POST", "/registrations", { token: org, body, headers });
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.body.caseId).toBe(a.body.caseId);
    const c = await h.call("POST", "/registrations", {
      token: org,
      body: { ...body, fundsCny: 60_000 },
      headers,
    });
    expect(c.status).toBe(422);
    const mine = await h.call<{ items: { caseId: string }[] }>("GET", "/cases", { token: org });
    expect(mine.body.items.filter((i) => i.caseId === a.body.caseId)).toHaveLength(1);
    const mail = await h.call<{ items: unknown[] }>("GET", "/outbox?to=idem@example.org");
    expect(mail.body.items).toHaveLength(1);
  });

  it("concurrent requests with one Idempotency-Key create one case", async () => {
    const body = application({ contact: { email: "idem2@example.org", phone: "13900000006" } });
    const headers = { "idempotency-key": "apply-race" };
    const replies = await Promise.all(
      [1, 2, 3].map(() =>
        h.call<{ caseId: string }>("POST", "/registrations", { token: org, body, headers }),
      ),
    );
    expect(replies.every((r) => r.status === 201)).toBe(true);
    expect(new Set(replies.map((r) => r.body.caseId)).size).toBe(1);
  });

  it("a regulator of another jurisdiction can neither list, read, claim nor decide the task", async () => {
    const caseId = await apply(
      application({ contact: { email: "scope@example.org", phone: "13900000007" } }),
    );
    const taskId = await openTaskOf(caseId);
    const minhang = await h.token({ role: "regulator", sub: "mh-1", jurisdiction: "310112" });
    const list = await h.call<{ items: { taskId: string }[] }>(
      "GET",
      "/tasks?queue=registration&status=open",
      { token: minhang },
    );
    expect(list.status).toBe(200);
    expect(list.body.items.map((t) => t.taskId)).not.toContain(taskId);
    expect((await h.call("GET", `/cases/${caseId}`, { token: minhang })).status).toBe(404);
    expect((await h.call("POST", `/tasks/${taskId}/claim`, { token: minhang })).status).toBe(404);
    expect(
      (await h.call("POST", `/tasks/${taskId}/decision`, { token: minhang, body: { outcome: "approve" } }))
        .status,
    ).toBe(404);
    const view = await h.call<{ status: string; timeline: unknown[] }>("GET", `/cases/${caseId}`, {
      token: officer,
    });
    expect(view.body.status).toBe("under_review");
    expect(view.body.timeline).toHaveLength(2);
  });

  it("routes answer 401 without a token and 403 to the wrong role", async () => {
    expect((await h.call("POST", "/registrations", { body: application() })).status).toBe(401);
    expect((await h.call("GET", "/tasks?queue=registration")).status).toBe(401);
    expect((await h.call("POST", "/registrations", { token: officer, body: application() })).status).toBe(
      403,
    );
    expect((await h.call("GET", "/tasks?queue=registration", { token: org })).status).toBe(403);
    expect((await h.call("GET", "/cases/REG0000", { token: org })).status).toBe(404);
    const bad = await h.call("GET", "/cases/x", { token: "not-a-token" });
    expect(bad.status).toBe(401);
  });
});

describe("bad input gets a 400 naming the field, and nothing is written", () => {
  const cases: [string, Record<string, unknown>, string][] = [
    [
      "a wrong ID check digit",
      { legalRepresentative: { name: "张三", idNumber: "110105194912310021", phone: "13800138000" } },
      "legalRepresentative.idNumber",
    ],
    [
      "a malformed ID number",
      { legalRepresentative: { name: "张三", idNumber: "1101051949", phone: "13800138000" } },
      "legalRepresentative.idNumber",
    ],
    ["a missing material", { materials: [{ kind: "application_form", ref: "a" }] }, "materials"],
    ["funds under the minimum", { fundsCny: 1000 }, "fundsCny"],
    ["an unknown jurisdiction code", { jurisdiction: "310230" }, "jurisdiction"],
    ["a name without the area", { name: "阳光社区服务中心" }, "name"],
    [
      "a social group with too few members",
      {
        orgType: "social_group",
        name: "上海市嘉定区摄影协会",
        supervisoryUnit: "上海市嘉定区文化和旅游局",
        members: { individual: 12, unit: 0 },
        materials: [
          ...demoApplication().materials,
          { kind: "member_list", ref: "m" },
          { kind: "supervisory_unit_approval", ref: "s" },
        ],
      },
      "members.individual",
    ],
  ];
  for (const [what, patch, field] of cases) {
    it(what, async () => {
      const email = `bad-${field}-${Math.random().toString(36).slice(2)}@example.org`;
      const body = { ...application(patch), contact: { email, phone: "13900000099" } };
      const res = await h.call<{ error: { code: string; details: { field: string }[] } }>(
        "POST",
        "/registrations",
        { token: org, body },
      );
      expect(res.status).toBe(400);
      expect(res.body.error.details.map((d) => d.field)).toContain(field);
      expect((await h.call<{ items: unknown[] }>("GET", `/outbox?to=${email}`)).body.items).toHaveLength(0);
    });
  }

  it("a body that is not JSON", async () => {
    const res = await h.call<{ error: { code: string } }>("POST", "/registrations", {
      token: org,
      rawBody: "{not json",
      headers: { "content-type": "application/json" },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBeDefined();
  });

  it("an oversize body", async () => {
    const res = await h.call("POST", "/registrations", {
      token: org,
      body: application({ businessScope: "很".repeat(300_000) }),
    });
    expect(res.status).toBe(413);
  });

  it("nothing is written for any refused application", async () => {
    const mine = await h.call<{ items: unknown[] }>("GET", "/cases", {
      token: await h.token({ role: "org", sub: "never-applied" }),
    });
    expect(mine.body.items).toHaveLength(0);
  });
});

describe("a workflow start that fails after the commit", () => {
  it("is made by the sweep: the case is never left without its workflow", async () => {
    const engine = h.runtime.engine;
    const realStart = engine.start.bind(engine);
    engine.start = async () => {
      throw new Error("ThrottlingException: rate exceeded");
    };
    let caseId: string;
    try {
      const res = await h.call<{ caseId: string }>("POST", "/registrations", {
        token: org,
        body: application({ contact: { email: "throttled@example.org", phone: "13900000021" } }),
      });
      expect(res.status).toBe(201);
      caseId = res.body.caseId;
    } finally {
      engine.start = realStart;
    }
    const before = await h.call<{ items: { caseId: string }[] }>("GET", "/tasks?queue=registration", {
      token: officer,
    });
    expect(before.body.items.map((t) => t.caseId)).not.toContain(caseId);
    const now = h.runtime.clock.now();
    await h.call("POST", "/admin/clock", {
      body: { now: new Date(now.getTime() + 3 * 60_000).toISOString() },
    });
    await h.call("POST", "/admin/sweep");
    expect(await openTaskOf(caseId)).toBeDefined();
    await h.call("POST", "/admin/sweep");
    const tasks = await h.call<{ items: { caseId: string }[] }>("GET", "/tasks?queue=registration", {
      token: officer,
    });
    expect(tasks.body.items.filter((t) => t.caseId === caseId)).toHaveLength(1);
  });
});
