import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueUscc } from "../../shared/domain/identifiers/index.js";
import { type Harness, startHarness } from "./harness.js";

interface IndicatorNode {
  id: string;
  name: string;
  max: number;
  children?: IndicatorNode[];
}

let h: Harness;
let officer: string;
let panelist: string;
let reviewer: string;

const orgs = {
  service: {
    body: "MJ3000A0",
    category: "2",
    orgType: "social_service",
    name: "上海市嘉定区乐龄社区服务中心",
  },
  group: { body: "MJ3000B0", category: "1", orgType: "social_group", name: "上海市嘉定区物流行业协会" },
  young: {
    body: "MJ3000C0",
    category: "1",
    orgType: "social_group",
    name: "上海市嘉定区青年创客协会",
    registeredOn: "2024-03-01",
  },
  withdrawn: {
    body: "MJ3000D0",
    category: "1",
    orgType: "social_group",
    name: "上海市嘉定区模具行业协会",
    supervisoryUnit: "上海市嘉定区经济委员会",
    grade: { level: "4A", validUntil: "2028-12-31" },
  },
  appealed: {
    body: "MJ3000F0",
    category: "1",
    orgType: "social_group",
    name: "上海市嘉定区家具行业协会",
  },
  lapsing: {
    body: "MJ3000G0",
    category: "1",
    orgType: "social_group",
    name: "上海市嘉定区印刷行业协会",
    grade: { level: "3A", validUntil: "2025-03-31" },
  },
  kept: {
    body: "MJ3000E0",
    category: "1",
    orgType: "social_group",
    name: "上海市嘉定区电子商务协会",
    supervisoryUnit: "上海市嘉定区商务委员会",
    grade: { level: "4A", validUntil: "2028-12-31" },
  },
} as const;
type Key = keyof typeof orgs;
const usccOf = (k: Key) =>
  issueUscc({ category: orgs[k].category, division: "310114", organizationCodeBody: orgs[k].body });
const emailOf = (k: Key) => `${k}@example.org`;
const tokens = {} as Record<Key, string>;

const report = (year: number) => ({
  year,
  activities: "开展为老服务和行业培训。",
  finances: {
    incomeCny: 900_000,
    expensesCny: 800_000,
    netAssetsCny: 1_500_000,
    publicWelfareSpendingCny: 500_000,
    adminCostsCny: 60_000,
  },
  governance: { meetingsHeld: 4, termStart: "2021-06-01", termEnd: "2026-05-31" },
  leaders: [{ name: "陈静", role: "理事长", birthDate: "1970-02-03", official: "none" }],
  staff: { fullTime: 8, partTime: 5 },
});

const leavesOf = (nodes: IndicatorNode[]): IndicatorNode[] =>
  nodes.flatMap((n) => (n.children?.length ? leavesOf(n.children) : [n]));

async function indicators(key: Key) {
  const res = await h.call<{ indicators: IndicatorNode[]; maxScore: number; version: string }>(
    "GET",
    `/assessment-indicators?orgType=${orgs[key].orgType}`,
    { token: tokens[key] },
  );
  expect(res.status).toBe(200);
  return res.body;
}

/** Every leaf at its maximum, less `short` points taken from the largest leaves first. */
async function scoresTotalling(key: Key, short: number) {
  const leaves = leavesOf((await indicators(key)).indicators).sort((a, b) => b.max - a.max);
  let remaining = short;
  return Object.fromEntries(
    leaves.map((l) => {
      const taken = Math.min(remaining, l.max);
      remaining -= taken;
      return [l.id, l.max - taken];
    }),
  );
}

async function openTask(queue: string, caseId: string) {
  const res = await h.call<{ items: { taskId: string; caseId: string; step: string }[] }>(
    "GET",
    `/tasks?queue=${queue}&status=open`,
    { token: officer },
  );
  const task = res.body.items.find((t) => t.caseId === caseId);
  expect(task, `an open ${queue} task for ${caseId}`).toBeDefined();
  return task?.taskId as string;
}

const decide = (token: string, taskId: string, body: Record<string, unknown>) =>
  h.call("POST", `/tasks/${taskId}/decision`, { token, body });

async function apply(key: Key) {
  return h.call<{ caseId: string; error?: { code: string; details: { code: string; message: string }[] } }>(
    "POST",
    `/organizations/${usccOf(key)}/assessments`,
    {
      token: tokens[key],
      body: {
        selfAssessment: {
          scores: { party_building: 38, information_disclosure: 28 },
          summary: "自评报告：规范运作，服务成效明显。",
        },
        materials: [
          { kind: "self_assessment_report", ref: "oss://materials/self.pdf" },
          { kind: "audit_report", ref: "oss://materials/audit-2024.pdf" },
        ],
      },
    },
  );
}

/** From application to the committee's confirmation: the case is then on public notice. */
async function throughCommittee(key: Key, short: number) {
  const applied = await apply(key);
  expect(applied.status).toBe(201);
  const caseId = applied.body.caseId;
  expect((await decide(officer, await openTask("assessment", caseId), { outcome: "approve" })).status).toBe(
    200,
  );
  const scored = await decide(panelist, await openTask("assessment_panel", caseId), {
    outcome: "scored",
    scores: await scoresTotalling(key, short),
  });
  expect(scored.status, JSON.stringify(scored.body)).toBe(200);
  expect(
    (await decide(officer, await openTask("assessment_committee", caseId), { outcome: "confirm" })).status,
  ).toBe(200);
  return caseId;
}

const caseOf = (key: Key, caseId: string) =>
  h.call<{
    status: string;
    deadlines: { kind: string; dueDate: string; status: string }[];
    timeline: { action: string; actor: string; note?: string }[];
  }>("GET", `/cases/${caseId}`, { token: tokens[key] });

const publicRecord = (key: Key) =>
  h.call<{ grade?: { level: string; validUntil: string; certificateNo?: string } }>(
    "GET",
    `/organizations/${usccOf(key)}`,
  );

const outboxKinds = async (key: Key) =>
  (
    await h.call<{ items: { kind: string; text: string }[] }>("GET", `/outbox?to=${emailOf(key)}`)
  ).body.items.map((m) => m.kind);

beforeAll(async () => {
  // Monday 6 January 2025.
  h = await startHarness({ now: "2025-01-06T09:00:00+08:00" });
  officer = await h.token({ role: "regulator", sub: "officer-zhou", jurisdiction: "310114" });
  panelist = await h.token({ role: "regulator", sub: "expert-li", jurisdiction: "310114" });
  reviewer = await h.token({ role: "regulator", sub: "reviewer-wu", jurisdiction: "310114" });
  for (const [key, o] of Object.entries(orgs) as [Key, (typeof orgs)[Key]][]) {
    const uscc = usccOf(key);
    const imported = await h.call("POST", "/organizations", {
      token: officer,
      body: {
        uscc,
        name: o.name,
        orgType: o.orgType,
        jurisdiction: "310114",
        registeredOn: "registeredOn" in o ? o.registeredOn : "2019-03-15",
        contact: { email: emailOf(key), phone: "13600000000" },
        ...("supervisoryUnit" in o ? { supervisoryUnit: o.supervisoryUnit } : {}),
        ...("grade" in o ? { grade: o.grade } : {}),
      },
    });
    expect(imported.status).toBe(201);
    tokens[key] = await h.token({ role: "org", sub: `${key}-secretary`, uscc });
  }
  // Last year's inspection passed, as eligibility asks.
  for (const key of ["service", "group", "appealed"] as const) {
    const filed = await h.call<{ caseId: string }>("POST", `/organizations/${usccOf(key)}/annual-reports`, {
      token: tokens[key],
      body: report(2024),
    });
    expect(filed.status).toBe(201);
    const passed = await decide(officer, await openTask("annual_inspection", filed.body.caseId), {
      outcome: "pass",
    });
    expect(passed.status).toBe(200);
  }
});
afterAll(() => h.stop());

describe("grade assessment (等级评估) through the HTTP API", () => {
  it("serves the indicator tree in force and the thresholds", async () => {
    const res = await h.call<{
      version: string;
      maxScore: number;
      thresholds: Record<string, number>;
      indicators: IndicatorNode[];
    }>("GET", "/assessment-indicators?orgType=social_service", { token: officer });
    expect(res.status).toBe(200);
    expect(res.body.maxScore).toBe(1000);
    expect(res.body.thresholds).toEqual({ "5A": 950, "4A": 901, "3A": 851, "2A": 801, "1A": 751 });
    expect(res.body.indicators.map((i) => i.name)).toEqual([
      "基础条件",
      "内部治理",
      "业务活动和诚信建设",
      "社会评价",
    ]);
    expect(res.body.indicators.reduce((s, i) => s + i.max, 0)).toBe(1000);
    const bad = await h.call("GET", "/assessment-indicators?orgType=club", { token: officer });
    expect(bad.status).toBe(400);
  });

  it("refuses an ineligible organization with every reason, and writes nothing", async () => {
    const res = await apply("young");
    expect(res.status).toBe(422);
    expect(res.body.error?.code).toBe("not_eligible");
    expect(res.body.error?.details.map((d) => d.code)).toEqual([
      "registered_under_two_years",
      "inspection_missed",
    ]);
    expect(res.body.error?.details.every((d) => d.message.length > 0)).toBe(true);
    const graded = await apply("kept");
    expect(graded.status).toBe(422);
    expect(graded.body.error?.details.map((d) => d.code)).toContain("grade_still_valid");
    const rounds = await h.call<{ stages: { stage: string; count: number }[] }>("GET", "/assessment-rounds", {
      token: officer,
    });
    expect(rounds.body.stages.every((s) => s.count === 0)).toBe(true);
  });

  it("refuses a self-assessment score above its leaf's maximum, naming the leaf", async () => {
    const res = await h.call<{ error: { details: { field: string; code: string }[] } }>(
      "POST",
      `/organizations/${usccOf("group")}/assessments`,
      {
        token: tokens.group,
        body: { selfAssessment: { scores: { party_building: 41 }, summary: "自评" }, materials: [] },
      },
    );
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([
      expect.objectContaining({ field: "selfAssessment.scores.party_building", code: "above_maximum" }),
    ]);
  });

  it("an objection leads to a re-review, before someone who did not score, that changes the grade", async () => {
    // 870 points: 3A.
    const caseId = await throughCommittee("group", 130);
    const onNotice = await caseOf("group", caseId);
    expect(onNotice.body.status).toBe("public_notice");
    // Published Monday 6 January 2025, the day not counted: seven working days end on Wednesday 15 January.
    expect(onNotice.body.deadlines).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: "public_notice", dueDate: "2025-01-15", status: "open" }),
      ]),
    );
    expect(await outboxKinds("group")).toContain("assessment_notice_started");
    expect((await publicRecord("group")).body.grade).toBeUndefined();

    const anonymous = await h.call("POST", `/cases/${caseId}/objections`, {
      body: { reason: "服务会员得分偏低" },
    });
    expect(anonymous.status).toBe(400);
    const objection = {
      headers: { "idempotency-key": "objection-1" },
      body: { reason: "服务会员和社会影响的得分未计入年度表彰", contact: "member@example.org" },
    };
    const objected = await h.call("POST", `/cases/${caseId}/objections`, objection);
    expect(objected.status).toBe(201);
    // Sent again with its key, it answers the same and files nothing more.
    const repeated = await h.call("POST", `/cases/${caseId}/objections`, objection);
    expect(repeated.status).toBe(201);
    expect(repeated.body).toEqual(objected.body);
    const filed = (await caseOf("group", caseId)).body.timeline.filter((e) => e.action === "objection_filed");
    expect(filed).toHaveLength(1);
    const taskId = await openTask("assessment_review", caseId);

    // The expert who scored the case may neither claim nor decide its re-review.
    const claim = await h.call<{ error: { code: string } }>("POST", `/tasks/${taskId}/claim`, {
      token: panelist,
    });
    expect(claim.status).toBe(403);
    expect(claim.body.error.code).toBe("scorer_cannot_review");
    const byScorer = await decide(panelist, taskId, { outcome: "uphold", reason: "维持" });
    expect(byScorer.status).toBe(403);
    const noGrade = await decide(reviewer, taskId, { outcome: "change", reason: "复核调整" });
    expect(noGrade.status).toBe(400);

    const changed = await decide(reviewer, taskId, {
      outcome: "change",
      grade: "4A",
      reason: "复核认定年度表彰应计入社会影响，调整为4A",
    });
    expect(changed.status).toBe(200);
    const record = await publicRecord("group");
    expect(record.body.grade).toEqual({
      level: "4A",
      validUntil: "2030-01-05",
      certificateNo: "310114-2025-0001",
    });
    const done = await caseOf("group", caseId);
    expect(done.body.status).toBe("graded");
    expect(done.body.timeline.map((e) => e.action)).toEqual(
      expect.arrayContaining(["objection_filed", "decision:change", "grade_announced"]),
    );
    // The result of the re-review is final: the case takes no further objection.
    const late = await h.call("POST", `/cases/${caseId}/objections`, {
      body: { reason: "再次异议", contact: "member@example.org" },
    });
    expect(late.status).toBe(409);
    expect(await outboxKinds("group")).toContain("grade_announced");
  });

  it("runs from application to a grade on the public record when the notice ends with no objection", async () => {
    const applied = await apply("service");
    expect(applied.status).toBe(201);
    const caseId = applied.body.caseId;
    // One assessment at a time.
    const again = await apply("service");
    expect(again.status).toBe(409);
    expect((again.body as { error?: { code: string } }).error?.code).toBe("assessment_open");

    const review = await openTask("assessment", caseId);
    expect(
      (await decide(officer, review, { outcome: "request_supplement", reason: "缺少2024年度审计报告" }))
        .status,
    ).toBe(200);
    expect(await outboxKinds("service")).toContain("assessment_supplement_requested");
    const supplied = await h.call("POST", `/cases/${caseId}/supplements`, {
      token: tokens.service,
      body: { materials: [{ kind: "audit_report", ref: "oss://materials/audit-2024-signed.pdf" }] },
    });
    expect(supplied.status).toBe(200);
    expect((await decide(officer, await openTask("assessment", caseId), { outcome: "approve" })).status).toBe(
      200,
    );

    const panelTask = await openTask("assessment_panel", caseId);
    const over = await decide(panelist, panelTask, {
      outcome: "scored",
      scores: { ...(await scoresTotalling("service", 0)), service_delivery: 151 },
    });
    expect(over.status).toBe(400);
    expect((over.body as { error: { details: { field: string; code: string }[] } }).error.details).toEqual([
      expect.objectContaining({ field: "scores.service_delivery", code: "above_maximum" }),
    ]);
    // 905 points, then returned by the committee and scored again at 940: 4A.
    expect(
      (await decide(panelist, panelTask, { outcome: "scored", scores: await scoresTotalling("service", 95) }))
        .status,
    ).toBe(200);
    // The committee is not the panel: the expert who scored may neither claim nor decide its task.
    const committeeTask = await openTask("assessment_committee", caseId);
    const claimedByScorer = await h.call<{ error: { code: string } }>(
      "POST",
      `/tasks/${committeeTask}/claim`,
      { token: panelist },
    );
    expect(claimedByScorer.status).toBe(403);
    expect(claimedByScorer.body.error.code).toBe("scorer_cannot_confirm");
    const confirmedByScorer = await decide(panelist, committeeTask, { outcome: "confirm" });
    expect(confirmedByScorer.status).toBe(403);
    expect((await caseOf("service", caseId)).body.status).toBe("committee_review");
    const returned = await decide(officer, committeeTask, {
      outcome: "return",
      reason: "业务活动开展得分依据不足，请专家组复核",
    });
    expect(returned.status).toBe(200);
    expect(
      (
        await decide(panelist, await openTask("assessment_panel", caseId), {
          outcome: "scored",
          scores: await scoresTotalling("service", 60),
        })
      ).status,
    ).toBe(200);
    expect(
      (await decide(officer, await openTask("assessment_committee", caseId), { outcome: "confirm" })).status,
    ).toBe(200);

    const rounds = await h.call<{ stages: { stage: string; items: { caseId: string }[] }[] }>(
      "GET",
      "/assessment-rounds",
      {
        token: officer,
      },
    );
    expect(rounds.body.stages.find((s) => s.stage === "public_notice")?.items.map((i) => i.caseId)).toEqual([
      caseId,
    ]);

    // The last day of the notice still takes objections' absence; the day after, the sweep announces.
    await h.call("POST", "/admin/clock", { body: { now: "2025-01-15T18:00:00+08:00" } });
    await h.call("POST", "/admin/sweep");
    expect((await caseOf("service", caseId)).body.status).toBe("public_notice");
    await h.call("POST", "/admin/clock", { body: { now: "2025-01-16T08:00:00+08:00" } });
    await h.call("POST", "/admin/sweep");

    // The notice ran its course: met, not missed.
    expect((await caseOf("service", caseId)).body.deadlines).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: "public_notice", status: "met" })]),
    );
    const record = await publicRecord("service");
    expect(record.body.grade).toEqual({
      level: "4A",
      validUntil: "2030-01-15",
      certificateNo: "310114-2025-0002",
    });
    const deadlines = await h.call<{ items: { kind: string; dueDate: string; status: string }[] }>(
      "GET",
      `/organizations/${usccOf("service")}/deadlines`,
      { token: tokens.service },
    );
    expect(deadlines.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: "grade_expiry", dueDate: "2030-01-15", status: "open" }),
      ]),
    );
    const timeline = await h.call<{ items: { action: string; note?: string }[] }>(
      "GET",
      `/organizations/${usccOf("service")}/timeline`,
      { token: tokens.service },
    );
    expect(timeline.body.items.map((e) => e.action)).toContain("grade_announced");
    expect(await outboxKinds("service")).toContain("grade_announced");

    const late = await h.call("POST", `/cases/${caseId}/objections`, {
      token: officer,
      body: { reason: "逾期异议" },
    });
    expect(late.status).toBe(409);
    // Graded, it cannot apply for another assessment while the grade is valid.
    const another = await apply("service");
    expect(another.status).toBe(422);
    expect(another.body.error?.details.map((d) => d.code)).toEqual(["grade_still_valid"]);

    const stats = await h.call<{
      grades: {
        byType: Record<string, { threeAAndAbove: number }>;
        expiringWithin12Months: { validUntil: string; level: string; organizations: number }[];
      };
    }>("GET", "/stats?year=2024", { token: officer });
    expect(stats.body.grades.byType.social_service?.threeAAndAbove).toBe(1);
    expect(stats.body.grades.expiringWithin12Months).toEqual([
      { validUntil: "2025-03-31", level: "3A", organizations: 1 },
    ]);
  });

  it("lets a regulator withdraw a grade; the organization is told, the record shows it, and it may not apply again", async () => {
    const byOrg = await h.call("POST", `/organizations/${usccOf("withdrawn")}/grade-changes`, {
      token: tokens.withdrawn,
      body: { action: "withdraw", ground: "assessment_fraud", reason: "x" },
    });
    expect(byOrg.status).toBe(403);
    const noGround = await h.call("POST", `/organizations/${usccOf("withdrawn")}/grade-changes`, {
      token: officer,
      body: { action: "withdraw", reason: "x" },
    });
    expect(noGround.status).toBe(400);
    const res = await h.call("POST", `/organizations/${usccOf("withdrawn")}/grade-changes`, {
      token: officer,
      body: { action: "withdraw", ground: "assessment_fraud", reason: "评估材料中的审计报告系伪造" },
    });
    expect(res.status).toBe(200);
    expect((await publicRecord("withdrawn")).body.grade).toBeUndefined();
    const timeline = await h.call<{ items: { action: string; note?: string }[] }>(
      "GET",
      `/organizations/${usccOf("withdrawn")}/timeline`,
      { token: officer },
    );
    expect(timeline.body.items.find((e) => e.action === "grade_withdrawn")?.note).toContain(
      "assessment_fraud",
    );
    expect(await outboxKinds("withdrawn")).toContain("grade_withdrawn");
    const deadlines = await h.call<{ items: { kind: string; status: string }[] }>(
      "GET",
      `/organizations/${usccOf("withdrawn")}/deadlines`,
      { token: officer },
    );
    expect(deadlines.body.items.find((d) => d.kind === "grade_expiry")?.status).toBe("waived");
    const again = await apply("withdrawn");
    expect(again.status).toBe(422);
    expect(again.body.error?.details.map((d) => d.code)).toContain("withdrawn_recently");
  });

  it("a downgrade changes the public record, and the simplified annual inspection follows the current valid grade", async () => {
    const down = await h.call("POST", `/organizations/${usccOf("kept")}/grade-changes`, {
      token: officer,
      body: { action: "downgrade", level: "3A", ground: "administrative_penalty", reason: "受到警告处罚" },
    });
    expect(down.status).toBe(200);
    expect((await publicRecord("kept")).body.grade?.level).toBe("3A");
    const up = await h.call("POST", `/organizations/${usccOf("kept")}/grade-changes`, {
      token: officer,
      body: { action: "downgrade", level: "4A", ground: "administrative_penalty", reason: "x" },
    });
    expect(up.status).toBe(400);
    // Neither is 4A any more: both reports go to their supervisory unit first.
    for (const key of ["kept", "withdrawn"] as const) {
      const filed = await h.call<{ status: string }>("POST", `/organizations/${usccOf(key)}/annual-reports`, {
        token: tokens[key],
        body: report(2024),
      });
      expect(filed.status).toBe(201);
      expect(filed.body.status).toBe("supervisory_review");
    }
  });

  it("a notice that ends while its objection is under re-review is met, not missed, and confers nothing until the re-review", async () => {
    // 870 points: 3A.
    const caseId = await throughCommittee("appealed", 130);
    const objected = await h.call("POST", `/cases/${caseId}/objections`, {
      token: officer,
      body: { reason: "专家组未到现场核查财务管理" },
    });
    expect(objected.status).toBe(201);
    const notice = (await caseOf("appealed", caseId)).body.deadlines.find((d) => d.kind === "public_notice");
    expect(notice?.status).toBe("open");
    // The day after the notice's last day, the sweep ends it.
    const [y, m, d] = (notice?.dueDate ?? "").split("-").map(Number) as [number, number, number];
    const dayAfter = new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
    await h.call("POST", "/admin/clock", { body: { now: `${dayAfter}T09:00:00+08:00` } });
    await h.call("POST", "/admin/sweep");
    const ended = await caseOf("appealed", caseId);
    expect(ended.body.status).toBe("re_review");
    expect(ended.body.deadlines).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: "public_notice", status: "met" })]),
    );
    expect((await publicRecord("appealed")).body.grade).toBeUndefined();
    const upheld = await decide(reviewer, await openTask("assessment_review", caseId), {
      outcome: "uphold",
      reason: "复核维持3A",
    });
    expect(upheld.status).toBe(200);
    expect((await publicRecord("appealed")).body.grade?.level).toBe("3A");
    expect((await caseOf("appealed", caseId)).body.status).toBe("graded");
  });

  it("a grade lapses at its expiry: off the public record, on the timeline once, and its deadline missed", async () => {
    const uscc = usccOf("lapsing");
    const before = await publicRecord("lapsing");
    expect(before.body.grade).toEqual({ level: "3A", validUntil: "2025-03-31" });
    await h.call("POST", "/admin/clock", { body: { now: "2025-03-31T20:00:00+08:00" } });
    await h.call("POST", "/admin/sweep");
    expect((await publicRecord("lapsing")).body.grade?.level).toBe("3A");
    await h.call("POST", "/admin/clock", { body: { now: "2025-04-01T09:00:00+08:00" } });
    await h.call("POST", "/admin/sweep");
    await h.call("POST", "/admin/sweep");
    expect((await publicRecord("lapsing")).body.grade).toBeUndefined();
    const timeline = await h.call<{ items: { action: string; note?: string }[] }>(
      "GET",
      `/organizations/${uscc}/timeline`,
      { token: officer },
    );
    const lapsed = timeline.body.items.filter((e) => e.action === "grade_expired");
    expect(lapsed).toHaveLength(1);
    expect(lapsed[0]?.note).toContain("2025-03-31");
    const deadlines = await h.call<{ items: { kind: string; status: string }[] }>(
      "GET",
      `/organizations/${uscc}/deadlines`,
      { token: tokens.lapsing },
    );
    expect(deadlines.body.items.find((d) => d.kind === "grade_expiry")?.status).toBe("missed");
  });
});
