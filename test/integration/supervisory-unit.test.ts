import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueUscc } from "../../shared/domain/identifiers/index.js";
import { type Harness, startHarness } from "./harness.js";

let h: Harness;
let officer: string;
let culture: string;
let economy: string;

const CULTURE = "上海市嘉定区文化和旅游局";
const ECONOMY = "上海市嘉定区经济委员会";
const orgs = {
  calligraphy: { body: "MJ7000A0", name: "上海市嘉定区书法家协会", unit: CULTURE },
  opera: { body: "MJ7000B0", name: "上海市嘉定区沪剧协会", unit: CULTURE },
  machinery: { body: "MJ7000C0", name: "上海市嘉定区机械工程学会", unit: ECONOMY },
};
type Key = keyof typeof orgs;
const usccOf = (k: Key) =>
  issueUscc({ category: "1", division: "310114", organizationCodeBody: orgs[k].body });
const staff: Partial<Record<Key, string>> = {};

type Task = { taskId: string; caseId: string; step: string; queue: string };
type CaseView = { status: string; deadlines: { kind: string; dueDate: string; status: string }[] };
const materials = (...kinds: string[]) => kinds.map((kind) => ({ kind, ref: `oss://docs/${kind}.pdf` }));

const report = {
  year: 2025,
  activities: "举办书法展览4场，进社区教学20次。",
  finances: {
    incomeCny: 300_000,
    expensesCny: 260_000,
    netAssetsCny: 500_000,
    publicWelfareSpendingCny: 120_000,
    adminCostsCny: 30_000,
  },
  governance: { meetingsHeld: 3, termStart: "2021-06-01", termEnd: "2026-05-31" },
  leaders: [{ name: "陈静", role: "会长", birthDate: "1966-02-11", official: "none" }],
  staff: { fullTime: 2, partTime: 5 },
};

const queue = async (token: string, name: string) => {
  const res = await h.call<{ items: Task[] }>("GET", `/tasks?queue=${name}&status=open`, { token });
  expect(res.status, `GET /tasks?queue=${name}`).toBe(200);
  return res.body.items;
};
const taskOf = async (token: string, name: string, caseId: string) => {
  const task = (await queue(token, name)).find((t) => t.caseId === caseId);
  if (!task) throw new Error(`no open ${name} task for ${caseId}`);
  return task;
};
const decide = (token: string, taskId: string, body: Record<string, unknown>) =>
  h.call<{ error?: { code: string } }>("POST", `/tasks/${taskId}/decision`, { token, body });
const caseOf = async (token: string, caseId: string) =>
  (await h.call<CaseView>("GET", `/cases/${caseId}`, { token })).body;

beforeAll(async () => {
  h = await startHarness({ now: "2026-01-05T09:00:00+08:00" });
  officer = await h.token({ role: "regulator", sub: "sv-officer", jurisdiction: "310114" });
  culture = await h.token({ role: "supervisory_unit", sub: "culture-reviewer", unit: CULTURE });
  economy = await h.token({ role: "supervisory_unit", sub: "economy-reviewer", unit: ECONOMY });
  for (const [key, o] of Object.entries(orgs) as [Key, (typeof orgs)[Key]][]) {
    const res = await h.call("POST", "/organizations", {
      token: officer,
      body: {
        uscc: usccOf(key),
        name: o.name,
        orgType: "social_group",
        jurisdiction: "310114",
        registeredOn: "2019-03-15",
        domicile: "上海市嘉定区城中路 1 号",
        contact: { email: `${key}@example.org`, phone: "13500000000" },
        supervisoryUnit: o.unit,
      },
    });
    expect(res.status).toBe(201);
    staff[key] = await h.token({ role: "org", sub: `${key}-staff`, uscc: usccOf(key) });
  }
});
afterAll(() => h.stop());

describe("the supervisory unit (业务主管单位) works its own organizations", () => {
  it("pre-reviews the annual reports of the organizations that name it, and no other unit's", async () => {
    const filed = async (key: Key) => {
      const res = await h.call<{ caseId: string; status: string }>(
        "POST",
        `/organizations/${usccOf(key)}/annual-reports`,
        { token: staff[key], body: report },
      );
      expect(res.status).toBe(201);
      expect(res.body.status).toBe("supervisory_review");
      return res.body.caseId;
    };
    const calligraphy = await filed("calligraphy");
    const machinery = await filed("machinery");

    const mine = await queue(culture, "supervisory_review");
    expect(mine.map((t) => t.caseId)).toContain(calligraphy);
    expect(mine.map((t) => t.caseId)).not.toContain(machinery);
    expect((await queue(economy, "supervisory_review")).map((t) => t.caseId)).toEqual([machinery]);
    // It works its own queue and no queue of the bureau's.
    expect((await h.call("GET", "/tasks?queue=annual_inspection", { token: culture })).status).toBe(403);

    const other = await taskOf(officer, "supervisory_review", machinery);
    expect((await h.call("POST", `/tasks/${other.taskId}/claim`, { token: culture })).status).toBe(404);
    expect((await decide(culture, other.taskId, { outcome: "consent" })).status).toBe(404);
    expect((await h.call("GET", `/cases/${machinery}`, { token: culture })).status).toBe(404);

    // The district's regulator sees the pre-review in its queue, and may not decide it.
    const task = await taskOf(officer, "supervisory_review", calligraphy);
    expect(task.step).toBe("supervisory_review");
    expect((await h.call("POST", `/tasks/${task.taskId}/claim`, { token: officer })).status).toBe(403);
    expect((await decide(officer, task.taskId, { outcome: "consent" })).status).toBe(403);

    expect((await caseOf(culture, calligraphy)).status).toBe("supervisory_review");
    const claimed = await h.call<{ claimedBy: string }>("POST", `/tasks/${task.taskId}/claim`, {
      token: culture,
    });
    expect(claimed.status).toBe(200);
    expect(claimed.body.claimedBy).toBe("culture-reviewer");
    expect((await decide(culture, task.taskId, { outcome: "return" })).status).toBe(400);
    expect((await decide(culture, task.taskId, { outcome: "consent" })).status).toBe(200);
    expect((await caseOf(staff.calligraphy as string, calligraphy)).status).toBe("under_review");
    expect((await queue(culture, "supervisory_review")).map((t) => t.caseId)).not.toContain(calligraphy);

    // The bureau decides after the unit.
    const review = await taskOf(officer, "annual_inspection", calligraphy);
    expect((await decide(officer, review.taskId, { outcome: "pass" })).status).toBe(200);
    expect((await caseOf(officer, calligraphy)).status).toBe("inspected");
  });

  it("a change that needs consent passes the unit first, then the bureau's change queue", async () => {
    const uscc = usccOf("opera");
    const applied = await h.call<{ caseId: string; status: string }>(
      "POST",
      `/organizations/${uscc}/changes`,
      {
        token: staff.opera,
        body: {
          changes: { domicile: "上海市嘉定区博乐路 8 号" },
          materials: materials("application_form", "change_resolution", "supervisory_unit_approval"),
        },
      },
    );
    expect(applied.status).toBe(201);
    const { caseId } = applied.body;
    expect(applied.body.status).toBe("supervisory_review");
    expect((await queue(officer, "change")).map((t) => t.caseId)).not.toContain(caseId);
    const before = await caseOf(officer, caseId);
    expect(before.deadlines).toContainEqual(
      expect.objectContaining({ kind: "decision_limit", status: "paused" }),
    );

    const consent = await taskOf(culture, "supervisory_review", caseId);
    expect(consent.step).toBe("change_consent");
    expect((await decide(officer, consent.taskId, { outcome: "consent" })).status).toBe(403);
    expect((await decide(economy, consent.taskId, { outcome: "consent" })).status).toBe(404);
    expect((await decide(culture, consent.taskId, { outcome: "approve" })).status).toBe(400);
    expect((await decide(culture, consent.taskId, { outcome: "consent" })).status).toBe(200);

    // The bureau's clock starts at the consent.
    const after = await caseOf(officer, caseId);
    expect(after.status).toBe("under_review");
    expect(after.deadlines).toContainEqual(
      expect.objectContaining({ kind: "decision_limit", status: "open" }),
    );
    const review = await taskOf(officer, "change", caseId);
    expect(review.step).toBe("change_review");
    expect((await h.call("GET", "/tasks?queue=change", { token: culture })).status).toBe(403);
    expect((await decide(culture, review.taskId, { outcome: "approve" })).status).toBe(404);
    expect((await decide(officer, review.taskId, { outcome: "approve" })).status).toBe(200);
    const record = await h.call<{ history: { field: string; to: unknown }[] }>(
      "GET",
      `/organizations/${uscc}`,
    );
    expect(record.body.history).toContainEqual(
      expect.objectContaining({ field: "domicile", to: "上海市嘉定区博乐路 8 号" }),
    );
  });

  it("a deregistration the unit returns never reaches the bureau, and the organization is told why", async () => {
    const uscc = usccOf("machinery");
    const applied = await h.call<{ caseId: string; status: string }>(
      "POST",
      `/organizations/${uscc}/deregistration`,
      {
        token: staff.machinery,
        body: {
          reason: "宗旨已实现",
          liquidation: { reportRef: "清算报告-2025-12", completedOn: "2025-12-30" },
          materials: materials("application_form", "supervisory_unit_approval"),
        },
      },
    );
    expect(applied.status).toBe(201);
    const { caseId } = applied.body;
    expect(applied.body.status).toBe("supervisory_review");
    const consent = await taskOf(economy, "supervisory_review", caseId);
    expect(consent.step).toBe("deregistration_consent");
    expect((await queue(culture, "supervisory_review")).map((t) => t.caseId)).not.toContain(caseId);
    expect((await decide(economy, consent.taskId, { outcome: "return" })).status).toBe(400);
    expect(
      (await decide(economy, consent.taskId, { outcome: "return", reason: "清算报告未经本单位审核" })).status,
    ).toBe(200);
    expect((await caseOf(staff.machinery as string, caseId)).status).toBe("returned");
    expect((await queue(officer, "deregistration")).map((t) => t.caseId)).not.toContain(caseId);
    expect((await h.call<{ status: string }>("GET", `/organizations/${uscc}`)).body.status).toBe(
      "registered",
    );
    const mail = await h.call<{ items: { kind: string; text: string }[] }>(
      "GET",
      "/outbox?to=machinery@example.org",
    );
    const told = mail.body.items.find((m) => m.kind === "deregistration_decided");
    expect(told?.text).toContain("清算报告未经本单位审核");
  });
});
