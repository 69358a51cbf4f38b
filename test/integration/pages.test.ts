import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Indicator } from "../../shared/domain/assessment/index.js";
import { issueUscc } from "../../shared/domain/identifiers/index.js";
import { importOrganization } from "../../shared/usecases/import-organization.js";
import { Browser } from "./browser.js";
import { application, type Harness, startHarness } from "./harness.js";

let h: Harness;
const leavesOf = (nodes: Indicator[]): Indicator[] =>
  nodes.flatMap((n) => (n.children?.length ? leavesOf(n.children) : [n]));
const uscc = issueUscc({ category: "1", division: "310114", organizationCodeBody: "MJ000002" });

beforeAll(async () => {
  h = await startHarness({ now: "2026-03-02T09:00:00+08:00" });
  await importOrganization(
    h.runtime.deps,
    { role: "admin", sub: "t" },
    {
      uscc,
      name: "上海市嘉定区汽车行业协会",
      orgType: "social_group",
      jurisdiction: "310114",
      registeredOn: "2015-06-01",
      domicile: "上海市嘉定区博乐路1号",
      legalRepresentative: { name: "张三", idNumber: "11010519491231002X", phone: "13800138000" },
      contact: { email: "assoc@example.org", phone: "13800138001" },
    },
  );
});
afterAll(() => h.stop());

const report = {
  year: "2025",
  activities: "举办行业交流会三次",
  "finances.incomeCny": "100000",
  "finances.expensesCny": "80000",
  "finances.netAssetsCny": "50000",
  "finances.publicWelfareSpendingCny": "90000",
  "finances.adminCostsCny": "10000",
  "governance.meetingsHeld": "2",
  "governance.termStart": "2023-01-01",
  "governance.termEnd": "2027-12-31",
  "leaders.0.name": "王五",
  "leaders.0.role": "会长",
  "leaders.0.birthDate": "1970-05-01",
  "leaders.0.official": "none",
  "staff.fullTime": "3",
  "staff.partTime": "1",
};

describe("pages", () => {
  it("sign in through the identity provider sets an HttpOnly SameSite=Lax session", async () => {
    const b = new Browser(h);
    const res = await b.signIn({ who: "org", org: uscc });
    expect(res.status).toBe(303);
    expect(res.location).toBe("/");
    expect((await b.request("GET", "/")).location).toBe("/portal");
    const cookie = res.headers.getSetCookie().find((l) => l.startsWith("socorg_session="));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect((await b.request("GET", "/portal")).html).toContain("上海市嘉定区汽车行业协会");
  });

  it("a form post without this browser's CSRF token, or from another origin, is refused and writes nothing", async () => {
    const b = new Browser(h);
    await b.signIn({ who: "org", org: uscc });
    const forged = await b.request("POST", "/portal/annual-report", { _csrf: "forged", ...report });
    expect(forged.status).toBe(403);
    const page = await b.request("GET", "/portal/annual-report");
    const cross = await b.request(
      "POST",
      "/portal/annual-report",
      { _csrf: b.csrfFrom(page.html), ...report },
      { origin: "https://evil.example" },
    );
    expect(cross.status).toBe(403);
    expect((await b.request("GET", "/portal/cases")).html).not.toContain("AIR");
  });

  it("a refused report shows the API's message beside the field and keeps what was typed", async () => {
    const b = new Browser(h);
    await b.signIn({ who: "org", org: uscc });
    const refused = await b.post("/portal/annual-report", report);
    expect(refused.status).toBe(400);
    expect(refused.html).toMatch(
      /id="f-finances-publicWelfareSpendingCny-error">Public-welfare spending \(公益支出\) is 90000 yuan/,
    );
    expect(refused.html).toContain(">举办行业交流会三次</textarea>");
    expect(refused.html).toMatch(/name="finances.incomeCny"[^>]*value="100000"/);
    const bad = await b.post("/portal/annual-report", { ...report, "staff.fullTime": "three" });
    expect(bad.html).toMatch(/id="f-staff-fullTime-error">[^<]*number/);

    const filed = await b.post("/portal/annual-report", {
      ...report,
      "finances.publicWelfareSpendingCny": "40000",
    });
    expect(filed.status).toBe(303);
    expect(filed.location).toMatch(/^\/portal\/cases\/AIR/);
  });

  it("the supplement and rectification forms show what was asked, name a refused field, and file through the API's use cases", async () => {
    const officer = await h.token({ role: "regulator", sub: "officer-sr", jurisdiction: "310114" });
    const decide = async (queue: string, caseId: string, outcome: string, reason: string) => {
      const tasks = await h.call<{ items: { taskId: string; caseId: string }[] }>(
        "GET",
        `/tasks?queue=${queue}`,
        {
          token: officer,
        },
      );
      const task = tasks.body.items.find((t) => t.caseId === caseId);
      const res = await h.call("POST", `/tasks/${task?.taskId}/decision`, {
        token: officer,
        body: { outcome, reason },
      });
      expect(res.status).toBe(200);
    };
    const statusOf = async (token: string, caseId: string) =>
      (await h.call<{ status: string }>("GET", `/cases/${caseId}`, { token })).body.status;
    const actionsOf = async (token: string, caseId: string) =>
      (
        await h.call<{ timeline: { action: string }[] }>("GET", `/cases/${caseId}`, { token })
      ).body.timeline.map((e) => e.action);

    // 补正 of a registration: the reason asked beside the materials.
    const applicant = new Browser(h);
    await applicant.signIn({ sub: "applicant-sr" });
    const token = await h.token({ role: "org", sub: "applicant-sr" });
    const applied = await h.call<{ caseId: string }>("POST", "/registrations", {
      token,
      body: application(),
    });
    expect(applied.status).toBe(201);
    const registration = applied.body.caseId;
    await decide("registration", registration, "request_supplement", "章程缺少理事会议事规则");
    const supplement = `/portal/cases/${registration}/supplement`;
    const asked = await applicant.request("GET", supplement);
    expect(asked.status).toBe(200);
    expect(asked.html).toContain("章程缺少理事会议事规则");
    expect(asked.html).toContain('name="material.charter"');
    const stranger = new Browser(h);
    await stranger.signIn({ sub: "stranger-sr" });
    expect((await stranger.request("GET", supplement)).status).toBe(404);
    expect((await applicant.post(supplement, {})).status).toBe(400);
    expect(await statusOf(token, registration)).toBe("awaiting_supplement");
    const supplied = await applicant.post(supplement, { "material.charter": "charter-v2.pdf" });
    expect(supplied.status).toBe(303);
    expect(supplied.location).toBe(`/portal/cases/${registration}?done=1`);
    expect(await statusOf(token, registration)).not.toBe("awaiting_supplement");

    // 整改 after a failed annual inspection: the note is required, the evidence kept.
    const failing = issueUscc({ category: "1", division: "310114", organizationCodeBody: "MJ000003" });
    await importOrganization(
      h.runtime.deps,
      { role: "admin", sub: "t" },
      {
        uscc: failing,
        name: "上海市嘉定区整改测试协会",
        orgType: "social_group",
        jurisdiction: "310114",
        registeredOn: "2015-06-01",
        domicile: "上海市嘉定区博乐路3号",
        contact: { email: "rectify@example.org", phone: "13800138003" },
      },
    );
    const org = new Browser(h);
    await org.signIn({ who: "org", org: failing });
    const filed = await org.post("/portal/annual-report", {
      ...report,
      "finances.publicWelfareSpendingCny": "40000",
    });
    expect(filed.status).toBe(303);
    const inspection = /\/portal\/cases\/([^?]+)/.exec(filed.location ?? "")?.[1] ?? "";
    await decide("annual_inspection", inspection, "fail", "公益支出比例不符合规定");
    const rectification = `/portal/cases/${inspection}/rectification`;
    expect((await org.request("GET", rectification)).status).toBe(200);
    const noNote = await org.post(rectification, {
      note: "",
      "evidence.0.kind": "会议纪要",
      "evidence.0.ref": "minutes.pdf",
    });
    expect(noNote.status).toBe(400);
    expect(noNote.html).toContain('id="f-note-error"');
    expect(noNote.html).toMatch(/name="evidence.0.ref"[^>]*value="minutes.pdf"/);
    const orgToken = await h.token({ role: "org", sub: "t-sr", uscc: failing });
    expect(await actionsOf(orgToken, inspection)).not.toContain("rectification_filed");
    const done = await org.post(rectification, {
      note: "已调整支出结构",
      "evidence.0.kind": "会议纪要",
      "evidence.0.ref": "minutes.pdf",
    });
    expect(done.status).toBe(303);
    expect(done.location).toBe(`/portal/cases/${inspection}?done=1`);
    expect(await actionsOf(orgToken, inspection)).toContain("rectification_filed");
  });

  it("the organization's deadlines page lists each of its deadlines with the filing it asks for", async () => {
    const b = new Browser(h);
    await b.signIn({ who: "org", org: uscc });
    const officer = await h.token({ role: "regulator", sub: "officer-d", jurisdiction: "310114" });
    const season = await h.call("POST", "/annual-report-seasons", { token: officer, body: { year: 2025 } });
    expect(season.status).toBe(200);
    const deadlines = await h.runtime.deps.store.listDeadlines({ kind: "organization", uscc });
    expect(deadlines.length).toBeGreaterThan(0);
    const page = await b.request("GET", "/portal/deadlines");
    expect(page.status).toBe(200);
    expect(page.html).toContain('<th scope="col">');
    for (const d of deadlines) expect(page.html).toContain(`<td>${d.ref}</td>`);
  });

  it("the assessment form has a field per leaf indicator, names a score above its maximum, and shows why an organization may not apply", async () => {
    const b = new Browser(h);
    await b.signIn({ who: "org", org: uscc });
    const tree = await h.call<{ indicators: Indicator[] }>(
      "GET",
      "/assessment-indicators?orgType=social_group",
      {
        token: await h.token({ role: "org", sub: "t", uscc }),
      },
    );
    const leaves = leavesOf(tree.body.indicators);
    const form = await b.request("GET", "/portal/assessment");
    expect(form.status).toBe(200);
    for (const leaf of leaves) expect(form.html).toContain(`name="selfAssessment.scores.${leaf.id}"`);
    const [first] = leaves as [Indicator];
    const casesBefore = (await h.runtime.deps.store.listCasesOf({ uscc })).length;

    const tooHigh = await b.post("/portal/assessment", {
      [`selfAssessment.scores.${first.id}`]: String(first.max + 1),
      "selfAssessment.summary": "规范运作，服务成效明显。",
      "material.self_assessment_report": "demo://self.pdf",
    });
    expect(tooHigh.status).toBe(400);
    expect(tooHigh.html).toContain(`id="f-selfAssessment-scores-${first.id}-error"`);
    expect(tooHigh.html).toContain(`is worth at most ${first.max}`);
    expect(tooHigh.html).toContain(">规范运作，服务成效明显。</textarea>");

    const refused = await b.post("/portal/assessment", {
      [`selfAssessment.scores.${first.id}`]: String(first.max),
      "selfAssessment.summary": "规范运作，服务成效明显。",
    });
    expect(refused.status).toBe(422);
    expect(refused.html).toMatch(/annual|年度|inspection/i);
    expect((await h.runtime.deps.store.listCasesOf({ uscc })).length).toBe(casesBefore);
  });

  it("the major-event, change and deregistration forms name refused fields, keep what was typed, and file through the API's use cases", async () => {
    const b = new Browser(h);
    await b.signIn({ who: "org", org: uscc });
    const untitled = await b.post("/portal/major-events", {
      eventType: "large_event",
      eventDate: "2026-04-18",
      title: "",
      details: "在嘉定体育中心举办汽车文化节，预计三千人参加。",
    });
    expect(untitled.status).toBe(400);
    expect(untitled.html).toContain('id="f-title-error"');
    expect(untitled.html).toContain(">在嘉定体育中心举办汽车文化节，预计三千人参加。</textarea>");
    const filed = await b.post("/portal/major-events", {
      eventType: "large_event",
      eventDate: "2026-04-18",
      title: "2026嘉定汽车文化节",
      details: "在嘉定体育中心举办汽车文化节，预计三千人参加。",
    });
    expect(filed.status).toBe(303);
    expect(filed.location).toMatch(/^\/portal\/cases\/[^?]+\?done=1$/);
    const event = await b.request("GET", filed.location ?? "");
    expect(event.html).toContain("2026嘉定汽车文化节");

    const nothing = await b.post("/portal/changes", {});
    expect(nothing.status).toBe(400);
    const late = await b.post("/portal/deregistration", {
      reason: "章程规定的宗旨已实现",
      "liquidation.reportRef": "demo://liquidation.pdf",
      "liquidation.completedOn": "2099-01-01",
    });
    expect(late.status).toBe(400);
    expect(late.html).toContain('id="f-liquidation-completedOn-error"');
    expect(late.html).toMatch(/name="liquidation.reportRef"[^>]*value="demo:\/\/liquidation.pdf"/);
  });

  it("the registration form checks the name as it is typed, and with its button when scripts are off", async () => {
    const b = new Browser(h);
    await b.signIn({ who: "org", org: uscc });
    const form = await b.request("GET", "/portal/registration");
    expect(form.html).toContain('hx-post="/portal/name-check"');
    const csrf = b.csrfFrom(form.html);
    const taken = await b.request(
      "POST",
      "/portal/name-check",
      { _csrf: csrf, orgType: "social_group", jurisdiction: "310114", name: "上海市嘉定区汽车行业协会" },
      { "hx-request": "true" },
    );
    expect(taken.status).toBe(200);
    expect(taken.html).not.toContain("<html");
    expect(taken.html).toContain("上海市嘉定区汽车行业协会");
    expect(taken.html).toContain("field-error");
    const free = await b.request("POST", "/portal/name-check", {
      _csrf: csrf,
      orgType: "social_group",
      jurisdiction: "310114",
      name: "上海市嘉定区围棋协会",
    });
    expect(free.html).toContain("<html");
    expect(free.html).toContain("可以使用");
    expect(free.html).toMatch(/name="name"[^>]*value="上海市嘉定区围棋协会"/);
  });

  it("the public lookup finds by name and by USCC and shows nothing personal", async () => {
    const b = new Browser(h);
    const byName = await b.request("GET", `/lookup?q=${encodeURIComponent("汽车行业")}`);
    expect(byName.html).toContain(`/lookup/${uscc}`);
    const byUscc = await b.request("GET", `/lookup?q=${uscc.toLowerCase()}`);
    expect(byUscc.location).toBe(`/lookup/${uscc}`);
    const record = await b.request("GET", `/lookup/${uscc}`);
    expect(record.html).toContain("上海市嘉定区汽车行业协会");
    for (const personal of ["张三", "11010519491231002X", "13800138000", "assoc@example.org"]) {
      expect(record.html).not.toContain(personal);
    }
  });

  it("dates read 2026年3月2日 in Chinese, and the English switch keeps the page", async () => {
    const b = new Browser(h);
    await b.signIn({ who: "regulator", division: "310114" });
    const zh = await b.request("GET", "/console/queues/annual_inspection");
    expect(zh.html).toMatch(/\d{4}年\d{1,2}月\d{1,2}日/);
    const sw = await b.request("GET", "/lang/en?back=/console/queues/annual_inspection");
    expect(sw.location).toBe("/console/queues/annual_inspection");
    const en = await b.request("GET", "/console/queues/annual_inspection");
    expect(en.html).toContain('lang="en"');
    expect(en.html).toContain("Days waiting");
  });

  it("every list exports to .xlsx", async () => {
    const b = new Browser(h);
    await b.signIn({ who: "regulator", division: "310114" });
    for (const path of [
      "/console/queues/annual_inspection",
      "/console/register",
      "/console/alerts",
      "/console/season?year=2025",
    ]) {
      const res = await b.request("GET", `${path}${path.includes("?") ? "&" : "?"}format=xlsx`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get("content-type")).toContain("spreadsheetml");
    }
  });
});
