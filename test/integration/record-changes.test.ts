import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueUscc } from "../../shared/domain/identifiers/index.js";
import { application, type Harness, startHarness } from "./harness.js";

let h: Harness;
let officer: string;
const elected = issueUscc({ category: "1", division: "310114", organizationCodeBody: "MJ5000C0" });
const ending = issueUscc({ category: "1", division: "310114", organizationCodeBody: "MJ5000C1" });

type Task = { taskId: string; caseId: string; step: string };
type PublicRecord = {
  name: string;
  status: string;
  term?: { start: string; end: string };
  leaders?: { name: string; post: string }[];
  history: { field: string; from: unknown; to: unknown; on: string }[];
};
type Deadlines = { items: { kind: string; ref: string; status: string }[] };

const oldRep = { name: "王芳", idNumber: "11010519491231002X", phone: "13800138000" };
const newRep = { name: "李强", idNumber: "310114197004020032", phone: "13900139000" };
const materials = (...kinds: string[]) => kinds.map((kind) => ({ kind, ref: `oss://docs/${kind}.pdf` }));

const importOrg = (uscc: string, name: string, extra: Record<string, unknown> = {}) =>
  h.call("POST", "/organizations", {
    token: officer,
    body: {
      uscc,
      name,
      orgType: "social_group",
      jurisdiction: "310114",
      registeredOn: "2020-06-01",
      legalRepresentative: oldRep,
      contact: { email: `${uscc}@example.org`, phone: "13400000003" },
      ...extra,
    },
  });
const publicRecord = async (uscc: string) =>
  (await h.call<PublicRecord>("GET", `/organizations/${uscc}`)).body;
const openTask = async (queue: string, caseId: string) => {
  const res = await h.call<{ items: Task[] }>("GET", `/tasks?queue=${queue}&status=open`, { token: officer });
  return res.body.items.find((t) => t.caseId === caseId);
};
const decide = async (queue: string, caseId: string, body: Record<string, unknown>) => {
  const task = await openTask(queue, caseId);
  if (!task) throw new Error(`no ${queue} task for ${caseId}`);
  return h.call("POST", `/tasks/${task.taskId}/decision`, { token: officer, body });
};

beforeAll(async () => {
  h = await startHarness({ now: "2025-06-05T09:00:00+08:00" });
  officer = await h.token({ role: "regulator", sub: "jd-officer", jurisdiction: "310114" });
  expect(
    (
      await importOrg(elected, "上海市嘉定区摄影行业协会", {
        term: { start: "2020-06-01", end: "2025-05-31" },
      })
    ).status,
  ).toBe(201);
  expect(
    (
      await importOrg(ending, "上海市嘉定区桥牌行业协会", {
        term: { start: "2023-01-01", end: "2027-12-31" },
        grade: { level: "3A", validUntil: "2028-12-31" },
      })
    ).status,
  ).toBe(201);
});
afterAll(() => h.stop());

describe("leadership terms, change and deregistration", () => {
  it("an election that changes the legal representative starts a new term, then a change registration with its departure audit", async () => {
    const org = await h.token({ role: "org", sub: "secretary", uscc: elected });
    const reported = await h.call<{ caseId: string }>("POST", `/organizations/${elected}/major-events`, {
      token: org,
      body: {
        eventType: "congress_election",
        eventDate: "2025-06-28",
        title: "第二届会员代表大会暨换届选举",
        details: "选举第二届理事会",
        election: {
          leaders: [
            {
              name: "李强",
              post: "会长",
              birthDate: "1970-04-02",
              idNumber: newRep.idNumber,
              official: "none",
            },
            {
              name: "赵敏",
              post: "秘书长",
              birthDate: "1980-09-12",
              official: "retired",
              approvalRef: "嘉组〔2025〕3号",
            },
          ],
          legalRepresentative: newRep,
        },
      },
    });
    expect(reported.status).toBe(201);
    expect((await decide("major_event", reported.body.caseId, { outcome: "no_objection" })).status).toBe(200);

    const record = await publicRecord(elected);
    expect(record.term).toEqual({ start: "2025-06-28", end: "2030-06-27" });
    expect(record.leaders).toEqual([
      { name: "李强", post: "会长" },
      { name: "赵敏", post: "秘书长" },
    ]);
    expect(JSON.stringify(record)).not.toContain(newRep.idNumber);
    const deadlines = await h.call<Deadlines>("GET", `/organizations/${elected}/deadlines`, { token: org });
    expect(deadlines.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: "term_end", ref: "2025-05-31", status: "met" }),
        expect.objectContaining({ kind: "term_end", ref: "2030-06-27", status: "open" }),
      ]),
    );
    const outbox = await h.call<{ items: { kind: string }[] }>("GET", `/outbox?to=${elected}@example.org`);
    expect(outbox.body.items.map((m) => m.kind)).toContain("change_registration_required");

    const change = { legalRepresentative: newRep, domicile: "嘉定区博乐路 8 号" };
    const withoutAudit = await h.call<{ error: { details: { field: string; message: string }[] } }>(
      "POST",
      `/organizations/${elected}/changes`,
      {
        token: org,
        body: { changes: change, materials: materials("application_form", "change_resolution") },
      },
    );
    expect(withoutAudit.status).toBe(400);
    expect(withoutAudit.body.error.details).toContainEqual(
      expect.objectContaining({ field: "materials", message: "Missing materials: departure_audit" }),
    );
    const uscc = await h.call("POST", `/organizations/${elected}/changes`, {
      token: org,
      body: { changes: { uscc: "51310114MJ5000C1XX" }, materials: [] },
    });
    expect(uscc.status).toBe(400);

    const changeApplication = {
      token: org,
      headers: { "idempotency-key": "change-1" },
      body: {
        changes: change,
        materials: materials("application_form", "change_resolution", "departure_audit"),
      },
    };
    const applied = await h.call<{ caseId: string }>(
      "POST",
      `/organizations/${elected}/changes`,
      changeApplication,
    );
    expect(applied.status).toBe(201);
    // Sent again with its key, it answers the same case and opens no other.
    const again = await h.call("POST", `/organizations/${elected}/changes`, changeApplication);
    expect(again).toMatchObject({ status: 201, body: applied.body });
    const asked = await decide("change", applied.body.caseId, {
      outcome: "request_supplement",
      reason: "缺少新住所的使用证明",
    });
    expect(asked.status).toBe(200);
    const mail = await h.call<{ items: { kind: string; subject?: string; text: string }[] }>(
      "GET",
      `/outbox?to=${elected}@example.org`,
    );
    const request = mail.body.items.find((m) => m.kind === "change_supplement_requested");
    expect(request?.text).toContain("变更登记申请");
    expect(request?.text).toContain("缺少新住所的使用证明");
    expect(request?.text).not.toContain("成立登记");
    const supplied = await h.call("POST", `/cases/${applied.body.caseId}/supplements`, {
      token: org,
      body: { materials: materials("domicile_proof") },
    });
    expect(supplied.status).toBe(200);
    expect((await decide("change", applied.body.caseId, { outcome: "approve" })).status).toBe(200);
    const after = await publicRecord(elected);
    expect(after.history).toEqual([
      { field: "domicile", from: null, to: "嘉定区博乐路 8 号", on: "2025-06-05" },
      { field: "legalRepresentative", from: "王芳", to: "李强", on: "2025-06-05" },
    ]);
    expect((await h.call<{ uscc: string }>("GET", `/organizations/${elected}`)).body.uscc).toBe(elected);
  });

  it("a name is refused while a pending application holds it, and free once that application is refused", async () => {
    const founder = await h.token({ role: "org", sub: "founder-a" });
    const rival = await h.token({ role: "org", sub: "founder-b" });
    const name = "上海市嘉定区晨光社区服务中心";
    const first = await h.call<{ caseId: string }>("POST", "/registrations", {
      token: founder,
      body: application({ name }),
    });
    expect(first.status).toBe(201);

    const check = await h.call<{
      available: boolean;
      conflicts: { name: string; holder: string; match: string }[];
    }>("POST", "/name-checks", {
      token: rival,
      body: { orgType: "social_service", jurisdiction: "310114", name },
    });
    expect(check.body).toMatchObject({
      available: false,
      conflicts: [{ name, holder: "pending", match: "same" }],
    });
    expect(JSON.stringify(check.body)).not.toContain(first.body.caseId);
    const close = await h.call<{ available: boolean; problems: { code: string }[] }>("POST", "/name-checks", {
      token: rival,
      body: { orgType: "social_group", jurisdiction: "310114", name: "上海市嘉定区摄影行业学会" },
    });
    expect(close.body.problems.map((p) => p.code)).toEqual(["name_too_similar"]);
    const forbidden = await h.call<{ problems: { code: string }[] }>("POST", "/name-checks", {
      token: rival,
      body: { orgType: "social_group", jurisdiction: "310114", name: "上海市嘉定区中华政府协会" },
    });
    expect(forbidden.body.problems.map((p) => p.code)).toEqual(["name_forbidden_word", "name_national_word"]);

    const refused = await h.call<{ error: { code: string; details: { field: string }[] } }>(
      "POST",
      "/registrations",
      {
        token: rival,
        body: application({ name }),
      },
    );
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({ code: "name_taken", details: [{ field: "name" }] });

    expect(
      (await decide("registration", first.body.caseId, { outcome: "reject", reason: "宗旨不明" })).status,
    ).toBe(200);
    expect(
      (await h.call("POST", "/registrations", { token: rival, body: application({ name }) })).status,
    ).toBe(201);
  });

  it("deregistration closes every deadline as waived, withdraws open cases, and the public record says deregistered", async () => {
    const org = await h.token({ role: "org", sub: "bridge", uscc: ending });
    expect(
      (await h.call("POST", "/annual-report-seasons", { token: officer, body: { year: 2024 } })).status,
    ).toBe(200);
    const event = await h.call<{ caseId: string }>("POST", `/organizations/${ending}/major-events`, {
      token: org,
      body: { eventType: "large_event", eventDate: "2025-07-30", title: "桥牌邀请赛", details: "200 人" },
    });
    expect(await openTask("major_event", event.body.caseId)).toBeDefined();
    expect(await h.runtime.engine.activeExecutionNames()).toContain(event.body.caseId);

    const tooEarly = await h.call("POST", `/organizations/${ending}/deregistration`, {
      token: org,
      body: {
        reason: "宗旨已实现",
        liquidation: { reportRef: "清算-1", completedOn: "2025-06-30" },
        materials: materials("application_form"),
      },
    });
    expect(tooEarly.status).toBe(400);
    expect(JSON.stringify(tooEarly.body)).toContain("liquidation.completedOn");

    const deregistration = {
      token: org,
      headers: { "idempotency-key": "deregistration-1" },
      body: {
        reason: "宗旨已实现",
        liquidation: { reportRef: "清算报告-2025-05", completedOn: "2025-05-28" },
        materials: materials("application_form"),
      },
    };
    const applied = await h.call<{ caseId: string }>(
      "POST",
      `/organizations/${ending}/deregistration`,
      deregistration,
    );
    expect(applied.status).toBe(201);
    const again = await h.call("POST", `/organizations/${ending}/deregistration`, deregistration);
    expect(again).toMatchObject({ status: 201, body: applied.body });
    const dereg = await h.call<{ status: string; timeline: unknown[] }>(
      "GET",
      `/cases/${applied.body.caseId}`,
      { token: officer },
    );
    expect(dereg.body.status, JSON.stringify(dereg.body.timeline)).toBe("under_review");
    expect((await decide("deregistration", applied.body.caseId, { outcome: "approve" })).status).toBe(200);

    expect((await publicRecord(ending)).status).toBe("deregistered");
    // The withdrawn event's workflow is stopped, not left parked on its withdrawn task.
    const active = await h.runtime.engine.activeExecutionNames();
    expect(active).not.toContain(event.body.caseId);
    expect(active).not.toContain(applied.body.caseId);
    const deadlines = await h.call<Deadlines>("GET", `/organizations/${ending}/deadlines`, {
      token: officer,
    });
    const others = deadlines.body.items.filter((d) => d.ref !== applied.body.caseId);
    expect(others.map((d) => d.kind).sort()).toEqual(
      ["annual_report", "event_response", "event_summary", "grade_expiry", "term_end"].sort(),
    );
    for (const d of others) expect(d.status).toBe("waived");
    expect(deadlines.body.items).toContainEqual(
      expect.objectContaining({ kind: "decision_limit", ref: applied.body.caseId, status: "met" }),
    );
    const eventCase = await h.call<{ status: string }>("GET", `/cases/${event.body.caseId}`, {
      token: officer,
    });
    expect(eventCase.body.status).toBe("withdrawn");
    expect(await openTask("major_event", event.body.caseId)).toBeUndefined();

    const later = await h.call("POST", `/organizations/${ending}/major-events`, {
      token: org,
      body: { eventType: "litigation", eventDate: "2025-06-01", title: "t", details: "d" },
    });
    expect(later.status).toBe(422);
  });
});
