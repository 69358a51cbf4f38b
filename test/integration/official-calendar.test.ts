import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addWorkingDays, OfficialCalendar } from "../../shared/domain/calendar/index.js";
import { application, type Harness, startHarness } from "./harness.js";

// December 2026: the packaged calendar ends with 2026, so a limit reaching into 2027 is counted on weekends alone.
const NOW = "2026-12-10T09:00:00+08:00";
const NOTICE_2027 = {
  holidays: [
    "2027-01-03",
    "2027-01-01",
    "2027-01-02",
    "2027-02-06",
    "2027-02-07",
    "2027-02-08",
    "2027-02-09",
  ],
  workdays: ["2027-02-20"],
  source: "国务院办公厅关于2027年部分节假日安排的通知",
};

let h: Harness;
let admin: string;
let officer: string;
let org: string;

beforeAll(async () => {
  h = await startHarness({ now: NOW });
  admin = await h.token({ role: "admin", sub: "calendar-admin" });
  officer = await h.token({ role: "regulator", sub: "officer-1", jurisdiction: "310114" });
  org = await h.token({ role: "org", sub: "founder-1" });
});
afterAll(() => h.stop());

interface CaseView {
  deadlines: { kind: string; dueDate: string; calendarPublished?: boolean }[];
  timeline: { action: string; note?: string }[];
}

const decisionLimitOf = (view: CaseView) => view.deadlines.find((d) => d.kind === "decision_limit");

async function taskDue(caseId: string) {
  const list = await h.call<{ items: { caseId: string; dueDate: string }[] }>(
    "GET",
    "/tasks?queue=registration&status=open",
    { token: officer },
  );
  return list.body.items.find((t) => t.caseId === caseId)?.dueDate;
}

describe("the official calendar as data", () => {
  it("shows a packaged year as published and a year without a notice as not", async () => {
    const y2026 = await h.call<{ published: boolean; holidays: string[] }>("GET", "/calendar/2026", {
      token: org,
    });
    expect(y2026.status).toBe(200);
    expect(y2026.body.published).toBe(true);
    expect(y2026.body.holidays).toContain("2026-10-01");
    expect((await h.call("GET", "/calendar/2027", { token: org })).body).toEqual({
      year: 2027,
      published: false,
      holidays: [],
      workdays: [],
    });
    expect((await h.call("GET", "/calendar/2027")).status).toBe(401);
  });

  it("refuses a notice from anyone but an admin, and a bad one naming the field, writing nothing", async () => {
    expect((await h.call("PUT", "/calendar/2027", { token: officer, body: NOTICE_2027 })).status).toBe(403);
    const bad = await h.call<{ error: { details: { field: string }[] } }>("PUT", "/calendar/2027", {
      token: admin,
      body: { ...NOTICE_2027, holidays: ["2027-01-01", "2026-10-01"], workdays: ["2027-01-04"] },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d) => d.field)).toEqual(["holidays.1", "workdays.0"]);
    const noSource = await h.call("PUT", "/calendar/2027", {
      token: admin,
      body: { ...NOTICE_2027, source: "" },
    });
    expect(noSource.status).toBe(400);
    expect((await h.call("GET", "/calendar/2027", { token: org })).body).toMatchObject({ published: false });
  });

  it("a decision limit into 2027 is provisional, and moves and says so once 2027's notice is loaded", async () => {
    const submitted = await h.call<{ caseId: string }>("POST", "/registrations", {
      token: org,
      body: application(),
    });
    expect(submitted.status).toBe(201);
    const { caseId } = submitted.body;

    const before = await h.call<CaseView>("GET", `/cases/${caseId}`, { token: org });
    const provisional = decisionLimitOf(before.body);
    const weekendsOnly = addWorkingDays("2026-12-10", 20);
    expect(weekendsOnly.calendarPublished).toBe(false);
    expect(provisional).toMatchObject({
      dueDate: weekendsOnly.date,
      status: "open",
      calendarPublished: false,
    });
    expect(await taskDue(caseId)).toBe(weekendsOnly.date);

    const loaded = await h.call<{
      published: boolean;
      holidays: string[];
      redated: { kind: string; from: string; to: string }[];
      failed: string[];
    }>("PUT", "/calendar/2027", { token: admin, body: NOTICE_2027 });
    expect(loaded.status).toBe(200);
    const counted = addWorkingDays(
      "2026-12-10",
      20,
      OfficialCalendar.packaged.withNotices({ 2027: NOTICE_2027 }),
    );
    expect(counted.date > weekendsOnly.date).toBe(true);
    expect(loaded.body.redated).toEqual([
      { deadlineId: expect.any(String), kind: "decision_limit", from: weekendsOnly.date, to: counted.date },
    ]);
    expect(loaded.body.failed).toEqual([]);
    expect(loaded.body.holidays).toEqual([...NOTICE_2027.holidays].sort());

    const after = await h.call<CaseView>("GET", `/cases/${caseId}`, { token: org });
    expect(decisionLimitOf(after.body)).toMatchObject({ dueDate: counted.date, status: "open" });
    expect(decisionLimitOf(after.body)?.calendarPublished).toBeUndefined();
    const event = after.body.timeline.find((e) => e.action === "deadline_redated");
    expect(event?.note).toContain(`${weekendsOnly.date} → ${counted.date}`);
    expect(event?.note).toContain(NOTICE_2027.source);
    // The open review task follows its deadline.
    expect(await taskDue(caseId)).toBe(counted.date);

    const outbox = await h.call<{ items: { kind: string; channel: string; text: string }[] }>(
      "GET",
      "/outbox?to=applicant@example.org",
    );
    const told = outbox.body.items.filter((m) => m.kind === "deadline_redated");
    expect(told).toHaveLength(1);
    expect(told[0]?.text).toContain(counted.date);
    expect(told[0]?.text).toContain("2027年节假日安排已公布");

    expect((await h.call("GET", "/calendar/2027", { token: officer })).body).toMatchObject({
      year: 2027,
      published: true,
      workdays: ["2027-02-20"],
    });
  });

  it("loading the same notice again moves nothing and tells no one twice", async () => {
    const again = await h.call<{ redated: unknown[] }>("PUT", "/calendar/2027", {
      token: admin,
      body: NOTICE_2027,
    });
    expect(again.status).toBe(200);
    expect(again.body.redated).toEqual([]);
    const outbox = await h.call<{ items: { kind: string }[] }>("GET", "/outbox?to=applicant@example.org");
    expect(outbox.body.items.filter((m) => m.kind === "deadline_redated")).toHaveLength(1);
  });

  it("a decision limit counted after the notice is loaded is not provisional", async () => {
    const submitted = await h.call<{ caseId: string }>("POST", "/registrations", {
      token: org,
      body: application({ name: "上海市嘉定区晨曦社区服务中心" }),
    });
    expect(submitted.status).toBe(201);
    const view = await h.call<CaseView>("GET", `/cases/${submitted.body.caseId}`, { token: org });
    expect(decisionLimitOf(view.body)?.calendarPublished).toBeUndefined();
  });
});
