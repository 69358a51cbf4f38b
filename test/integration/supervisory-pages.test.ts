import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_UNIT } from "../../infra/local/demo-people.js";
import { issueUscc } from "../../shared/domain/identifiers/index.js";
import { Browser } from "./browser.js";
import { type Harness, startHarness } from "./harness.js";

let h: Harness;
let officer: string;
const ours = issueUscc({ category: "1", division: "310114", organizationCodeBody: "MJ7100A0" });
const theirs = issueUscc({ category: "1", division: "310114", organizationCodeBody: "MJ7100B0" });
const cases: Record<string, string> = {};

const report = {
  year: 2025,
  activities: "举办书画展览两次",
  finances: {
    incomeCny: 100_000,
    expensesCny: 80_000,
    netAssetsCny: 50_000,
    publicWelfareSpendingCny: 40_000,
    adminCostsCny: 10_000,
  },
  governance: { meetingsHeld: 2, termStart: "2023-01-01", termEnd: "2027-12-31" },
  leaders: [{ name: "王五", role: "会长", birthDate: "1970-05-01", official: "none" }],
  staff: { fullTime: 3, partTime: 1 },
};

beforeAll(async () => {
  h = await startHarness({ now: "2026-03-02T09:00:00+08:00" });
  officer = await h.token({ role: "regulator", sub: "officer-sp", jurisdiction: "310114" });
  const units = { [ours]: DEMO_UNIT, [theirs]: "上海市嘉定区教育局" };
  for (const [uscc, unit] of Object.entries(units)) {
    const imported = await h.call("POST", "/organizations", {
      token: officer,
      body: {
        uscc,
        name: uscc === ours ? "上海市嘉定区书画协会" : "上海市嘉定区教育学会",
        orgType: "social_group",
        jurisdiction: "310114",
        registeredOn: "2015-06-01",
        domicile: "上海市嘉定区博乐路1号",
        contact: { email: `${uscc}@example.org`, phone: "13800138001" },
        supervisoryUnit: unit,
      },
    });
    expect(imported.status).toBe(201);
    const staff = await h.token({ role: "org", sub: `staff-${uscc}`, uscc });
    const filed = await h.call<{ caseId: string }>("POST", `/organizations/${uscc}/annual-reports`, {
      token: staff,
      body: report,
    });
    expect(filed.status).toBe(201);
    cases[uscc] = filed.body.caseId;
  }
});
afterAll(() => h.stop());

describe("the supervisory unit's console", () => {
  it("signed in, the unit sees its one queue, decides its own organization's pre-review, and nothing of the bureau's", async () => {
    const b = new Browser(h);
    await b.signIn({ who: "supervisory-unit" });
    expect((await b.request("GET", "/")).location).toBe("/console");
    const home = await b.request("GET", "/console");
    expect(home.status).toBe(200);
    expect(home.html).toContain('href="/console/queues/supervisory_review"');
    expect(home.html).not.toContain('href="/console/queues/annual_inspection"');
    expect(home.html).not.toContain('href="/console/register"');

    const queue = await b.request("GET", "/console/queues/supervisory_review");
    expect(queue.html).toContain(cases[ours]);
    expect(queue.html).not.toContain(cases[theirs]);
    expect((await b.request("GET", "/console/queues/annual_inspection")).status).toBe(403);
    expect((await b.request("GET", "/console/register")).status).toBe(403);
    expect((await b.request("GET", `/console/cases/${cases[theirs]}`)).status).toBe(404);

    const page = await b.request("GET", `/console/cases/${cases[ours]}`);
    expect(page.html).toMatch(/name="outcome" value="consent"/);
    expect(page.html).toMatch(/name="outcome" value="return"/);
    const action = /action="(\/console\/tasks\/[^"]+\/decision)"/.exec(page.html)?.[1] as string;
    const decided = await b.post(action, { outcome: "consent" }, `/console/cases/${cases[ours]}`);
    expect(decided.status).toBe(303);
    const after = await h.call<{ status: string }>("GET", `/cases/${cases[ours]}`, { token: officer });
    expect(after.body.status).toBe("under_review");
    expect((await b.request("GET", "/console/queues/supervisory_review")).html).not.toContain(cases[ours]);
  });

  it("the district's officer sees the pre-review in its queue and its case, with no decision form", async () => {
    const b = new Browser(h);
    await b.signIn({ who: "regulator", division: "310114" });
    const queue = await b.request("GET", "/console/queues/supervisory_review");
    expect(queue.html).toContain(cases[theirs]);
    const page = await b.request("GET", `/console/cases/${cases[theirs]}`);
    expect(page.status).toBe(200);
    expect(page.html).not.toMatch(/action="\/console\/tasks\/[^"]+\/decision"/);
  });

  it("a street or town's officer signs in to its own street's register and alerts, and nothing of the district's", async () => {
    const streets = { MJ7100C0: "310114102", MJ7100D0: "310114103" };
    const usccs: string[] = [];
    for (const [body, streetCode] of Object.entries(streets)) {
      const uscc = issueUscc({ category: "2", division: "310114", organizationCodeBody: body });
      usccs.push(uscc);
      const imported = await h.call("POST", "/organizations", {
        token: officer,
        body: {
          uscc,
          name: `上海市嘉定区${streetCode.endsWith("102") ? "南翔" : "安亭"}社区服务中心`,
          orgType: "social_service",
          jurisdiction: "310114",
          registeredOn: "2018-06-01",
          streetCode,
          contact: { email: `${uscc}@example.org`, phone: "13800138002" },
        },
      });
      expect(imported.status).toBe(201);
    }
    await h.token({ role: "regulator", sub: "nanxiang-office", jurisdiction: "310114102" });
    const b = new Browser(h);
    await b.signIn({ sub: "nanxiang-office" });
    const home = await b.request("GET", "/console");
    expect(home.location).toBe("/console/register");
    const register = await b.request("GET", "/console/register");
    expect(register.status).toBe(200);
    expect(register.html).toContain(usccs[0]);
    expect(register.html).not.toContain(usccs[1]);
    expect(register.html).not.toContain(ours);
    expect(register.html).not.toContain('href="/console/dashboard"');
    expect((await b.request("GET", "/console/alerts")).status).toBe(200);
    expect((await b.request("GET", "/console/queues/registration")).status).toBe(403);
    expect((await b.request("GET", "/console/register?jurisdiction=310114")).status).toBe(403);
  });

  it("the portal's change form takes a street or town code and names it when it is not under the jurisdiction", async () => {
    const b = new Browser(h);
    await b.signIn({ who: "org", org: ours });
    const form = await b.request("GET", "/portal/changes");
    expect(form.html).toContain('name="changes.streetCode"');
    const refused = await b.post("/portal/changes", {
      "changes.domicile": "上海市嘉定区南翔镇民主街1号",
      "changes.streetCode": "310112102",
    });
    expect(refused.status).toBe(400);
    expect(refused.html).toContain('id="f-changes-streetCode-error"');
    expect(refused.html).toMatch(/name="changes.streetCode"[^>]*value="310112102"/);
  });
});
