import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueUscc } from "../../shared/domain/identifiers/index.js";
import { application, type Harness, startHarness } from "./harness.js";

let h: Harness;
let officer: string;
let nanxiang: string;

const NANXIANG = "310114102";
const ANTING = "310114103";
const orgs = {
  bamboo: { body: "MJ8000A0", name: "上海市嘉定区南翔竹刻协会", streetCode: NANXIANG },
  dumpling: { body: "MJ8000B0", name: "上海市嘉定区南翔小笼技艺协会", streetCode: NANXIANG },
  motor: { body: "MJ8000C0", name: "上海市嘉定区安亭汽车文化协会", streetCode: ANTING },
  plain: { body: "MJ8000D0", name: "上海市嘉定区围棋协会" },
};
type Key = keyof typeof orgs;
const usccOf = (k: Key) =>
  issueUscc({ category: "1", division: "310114", organizationCodeBody: orgs[k].body });

type Problem = { field: string; code: string };
type Refusal = { error: { details: Problem[] } };
type Register = { jurisdiction: string; streetCode?: string; items: { uscc: string; streetCode?: string }[] };
type Alerts = { items: { uscc?: string; rule: string }[] };
const materials = (...kinds: string[]) => kinds.map((kind) => ({ kind, ref: `oss://docs/${kind}.pdf` }));

// A report with no council meeting held raises an alert about its organization.
const reportWithoutMeetings = {
  year: 2025,
  activities: "开展技艺传承活动6场。",
  finances: {
    incomeCny: 200_000,
    expensesCny: 180_000,
    netAssetsCny: 400_000,
    publicWelfareSpendingCny: 90_000,
    adminCostsCny: 20_000,
  },
  governance: { meetingsHeld: 0, termStart: "2022-03-01", termEnd: "2027-02-28" },
  leaders: [{ name: "朱伟", role: "会长", birthDate: "1970-05-06", official: "none" }],
  staff: { fullTime: 1, partTime: 3 },
};

const importBody = (key: Key, extra: Record<string, unknown> = {}) => ({
  uscc: usccOf(key),
  name: orgs[key].name,
  orgType: "social_group",
  jurisdiction: "310114",
  registeredOn: "2019-03-15",
  contact: { email: `${key}@example.org`, phone: "13500000000" },
  ...("streetCode" in orgs[key] ? { streetCode: (orgs[key] as { streetCode: string }).streetCode } : {}),
  ...extra,
});
const register = (token: string, query = "") =>
  h.call<Register>("GET", `/organizations${query ? `?${query}` : ""}`, { token });
const decision = async (token: string, taskId: string | undefined, outcome: string) =>
  (await h.call("POST", `/tasks/${taskId}/decision`, { token, body: { outcome } })).status;
const usccsOf = (r: { body: Register }) => r.body.items.map((o) => o.uscc).sort();

beforeAll(async () => {
  h = await startHarness({ now: "2026-01-05T09:00:00+08:00" });
  officer = await h.token({ role: "regulator", sub: "street-officer", jurisdiction: "310114" });
  nanxiang = await h.token({ role: "regulator", sub: "nanxiang-office", jurisdiction: NANXIANG });
});
afterAll(() => h.stop());

describe("street and town codes (街道/乡镇) on the record, and the grants that read by them", () => {
  it("an import keeps a street code under its jurisdiction and refuses, naming the field, one outside it", async () => {
    const outside = await h.call<Refusal>("POST", "/organizations", {
      token: officer,
      body: importBody("bamboo", { streetCode: "310112102" }),
    });
    expect(outside.status).toBe(400);
    expect(outside.body.error.details).toContainEqual(
      expect.objectContaining({ field: "streetCode", code: "street_outside_jurisdiction" }),
    );
    const malformed = await h.call<Refusal>("POST", "/organizations", {
      token: officer,
      body: importBody("bamboo", { streetCode: "3101141" }),
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.details.map((d) => d.field)).toContain("streetCode");
    expect((await h.call("GET", `/organizations/${usccOf("bamboo")}`)).status).toBe(404);

    for (const key of Object.keys(orgs) as Key[]) {
      expect((await h.call("POST", "/organizations", { token: officer, body: importBody(key) })).status).toBe(
        201,
      );
    }
    const record = await h.call<{ streetCode?: string }>("GET", `/organizations/${usccOf("bamboo")}`);
    expect(record.body.streetCode).toBe(NANXIANG);
  });

  it("a street grant lists only its street's organizations, searched or not; the district lists all or one street", async () => {
    const own = await register(nanxiang);
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ jurisdiction: "310114", streetCode: NANXIANG });
    expect(usccsOf(own)).toEqual([usccOf("bamboo"), usccOf("dumpling")].sort());
    expect(usccsOf(await register(nanxiang, `q=${encodeURIComponent("上海市嘉定区南翔")}`))).toEqual(
      [usccOf("bamboo"), usccOf("dumpling")].sort(),
    );
    expect(usccsOf(await register(nanxiang, `q=${encodeURIComponent("安亭汽车")}`))).toEqual([]);
    expect((await register(nanxiang, "jurisdiction=310114")).status).toBe(403);
    expect((await register(nanxiang, `jurisdiction=${ANTING}`)).status).toBe(403);

    expect(usccsOf(await register(officer))).toEqual((Object.keys(orgs) as Key[]).map(usccOf).sort());
    expect(usccsOf(await register(officer, `jurisdiction=${ANTING}`))).toEqual([usccOf("motor")]);
    const elsewhere = await h.token({ role: "regulator", sub: "mh-officer", jurisdiction: "310112" });
    expect((await register(elsewhere, `jurisdiction=${NANXIANG}`)).status).toBe(403);
  });

  it("a street grant reads the alerts of its street's organizations and works no queue of the district", async () => {
    for (const key of ["dumpling", "motor"] as const) {
      const staff = await h.token({ role: "org", sub: `${key}-staff`, uscc: usccOf(key) });
      const filed = await h.call("POST", `/organizations/${usccOf(key)}/annual-reports`, {
        token: staff,
        body: reportWithoutMeetings,
      });
      expect(filed.status).toBe(201);
    }
    const district = await h.call<Alerts>("GET", "/alerts?status=open", { token: officer });
    const raised = district.body.items.filter((a) => a.rule === "no_meetings_held").map((a) => a.uscc);
    expect(raised.sort()).toEqual([usccOf("dumpling"), usccOf("motor")].sort());
    const street = await h.call<Alerts>("GET", "/alerts?status=open", { token: nanxiang });
    expect(street.status).toBe(200);
    expect(street.body.items.map((a) => a.uscc)).toEqual([usccOf("dumpling")]);
    expect((await h.call("GET", "/alerts?jurisdiction=310114", { token: nanxiang })).status).toBe(403);

    expect((await h.call("GET", "/tasks?queue=annual_inspection", { token: nanxiang })).status).toBe(403);
    const queue = await h.call<{ items: { taskId: string; caseId: string }[] }>(
      "GET",
      "/tasks?queue=annual_inspection",
      { token: officer },
    );
    const task = queue.body.items[0];
    expect(task).toBeDefined();
    expect((await h.call("POST", `/tasks/${task?.taskId}/claim`, { token: nanxiang })).status).toBe(404);
    expect(await decision(nanxiang, task?.taskId, "pass")).toBe(404);
    expect(
      (await h.call("POST", "/annual-report-seasons", { token: nanxiang, body: { year: 2025 } })).status,
    ).toBe(403);
    expect(
      (await h.call("POST", "/organizations", { token: nanxiang, body: importBody("plain") })).status,
    ).toBe(403);
  });

  it("registration and change accept a street code under the jurisdiction, and name the field of one outside", async () => {
    const founder = await h.token({ role: "org", sub: "street-founder" });
    const refused = await h.call<Refusal>("POST", "/registrations", {
      token: founder,
      body: application({ streetCode: "310151102" }),
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details).toContainEqual(
      expect.objectContaining({ field: "streetCode", code: "street_outside_jurisdiction" }),
    );
    const applied = await h.call<{ caseId: string }>("POST", "/registrations", {
      token: founder,
      body: application({ streetCode: NANXIANG }),
    });
    expect(applied.status).toBe(201);
    const queue = await h.call<{ items: { taskId: string; caseId: string }[] }>(
      "GET",
      "/tasks?queue=registration",
      { token: officer },
    );
    const task = queue.body.items.find((t) => t.caseId === applied.body.caseId);
    expect(await decision(officer, task?.taskId, "approve")).toBe(200);
    const approved = await h.call<{ uscc: string }>("GET", `/cases/${applied.body.caseId}`, {
      token: founder,
    });
    const registered = await h.call<{ streetCode?: string }>("GET", `/organizations/${approved.body.uscc}`);
    expect(registered.body.streetCode).toBe(NANXIANG);
    expect(usccsOf(await register(nanxiang))).toContain(approved.body.uscc);

    const staff = await h.token({ role: "org", sub: "plain-staff", uscc: usccOf("plain") });
    const change = (streetCode: string) =>
      h.call<Refusal & { caseId: string }>("POST", `/organizations/${usccOf("plain")}/changes`, {
        token: staff,
        body: {
          changes: { domicile: "上海市嘉定区安亭镇墨玉路 9 号", streetCode },
          materials: materials("application_form", "change_resolution"),
        },
      });
    const outside = await change("310112103");
    expect(outside.status).toBe(400);
    expect(outside.body.error.details).toContainEqual(
      expect.objectContaining({ field: "changes.streetCode", code: "street_outside_jurisdiction" }),
    );
    const moved = await change(ANTING);
    expect(moved.status).toBe(201);
    const review = await h.call<{ items: { taskId: string; caseId: string }[] }>(
      "GET",
      "/tasks?queue=change",
      {
        token: officer,
      },
    );
    const changeTask = review.body.items.find((t) => t.caseId === moved.body.caseId);
    expect(await decision(officer, changeTask?.taskId, "approve")).toBe(200);
    const after = await h.call<{ streetCode?: string; history: { field: string; to: unknown }[] }>(
      "GET",
      `/organizations/${usccOf("plain")}`,
    );
    expect(after.body.streetCode).toBe(ANTING);
    expect(after.body.history).toContainEqual(expect.objectContaining({ field: "streetCode", to: ANTING }));
    expect(usccsOf(await register(officer, `jurisdiction=${ANTING}`))).toEqual(
      [usccOf("motor"), usccOf("plain")].sort(),
    );
  });
});
