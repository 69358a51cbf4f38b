import { afterAll, beforeAll, expect, it } from "vitest";
import { application, type Harness, startHarness } from "./harness.js";

/**
 * 补正 and the decision limit (DOMAIN §4): the clock stops while the applicant supplements, and complete
 * materials restart it in full, as a new generation whose reminders go again, once each, even under
 * overlapping sweeps; the old date passing while it is stopped neither misses it nor escalates.
 */

const QUEUE = "registration-queue@bureau.example";
const CHIEF = "chief@bureau.example";
let h: Harness;
let org: string;
let officer: string;

type Case = {
  status: string;
  deadlines: { kind: string; dueDate: string; status: string }[];
  timeline: { action: string; note?: string }[];
};
type Outbox = { items: { id: string; kind: string; text: string }[] };

const moveTo = (now: string) => h.call("POST", "/admin/clock", { body: { now } });
const sweep = async () => (await h.call<{ errors: number }>("POST", "/admin/sweep")).body;
const decisionLimitMail = async (to: string) =>
  (await h.call<Outbox>("GET", `/outbox?to=${encodeURIComponent(to)}`)).body.items.filter((m) =>
    m.kind.endsWith("decision_limit"),
  );
const view = async (caseId: string) => (await h.call<Case>("GET", `/cases/${caseId}`, { token: org })).body;
const limitOf = async (caseId: string) =>
  (await view(caseId)).deadlines.find((d) => d.kind === "decision_limit");

async function openTask(caseId: string) {
  const list = await h.call<{ items: { taskId: string; caseId: string }[] }>(
    "GET",
    "/tasks?queue=registration&status=open",
    { token: officer },
  );
  const task = list.body.items.find((t) => t.caseId === caseId);
  expect(task).toBeDefined();
  return task?.taskId as string;
}

beforeAll(async () => {
  h = await startHarness({
    now: "2025-03-03T09:00:00+08:00",
    settings: {
      "310114": {
        reminders: { regulatorContacts: { queue: { email: QUEUE }, supervisor: { email: CHIEF } } },
      },
    },
  });
  org = await h.token({ role: "org", sub: "founder-restart" });
  officer = await h.token({ role: "regulator", sub: "officer-restart", jurisdiction: "310114" });
});
afterAll(() => h.stop());

it("a decision limit restarted after 补正 reminds again for its new date and is missed only on that date", async () => {
  const submitted = await h.call<{ caseId: string }>("POST", "/registrations", {
    token: org,
    body: application(),
  });
  expect(submitted.status).toBe(201);
  const caseId = submitted.body.caseId;
  // 20 working days from Monday 3 March 2025.
  expect(await limitOf(caseId)).toMatchObject({ dueDate: "2025-03-31", status: "open" });

  await moveTo("2025-03-24T10:00:00+08:00");
  expect((await sweep()).errors).toBe(0);
  const first = await decisionLimitMail(QUEUE);
  expect(first).toHaveLength(1);

  await moveTo("2025-03-25T10:00:00+08:00");
  const asked = await h.call("POST", `/tasks/${await openTask(caseId)}/decision`, {
    token: officer,
    body: { outcome: "request_supplement", reason: "章程缺少理事会议事规则" },
  });
  expect(asked.status).toBe(200);
  expect(await limitOf(caseId)).toMatchObject({ dueDate: "2025-03-31", status: "paused" });

  // The old date and its escalation pass while the clock is stopped.
  await moveTo("2025-04-02T10:00:00+08:00");
  expect((await sweep()).errors).toBe(0);
  expect(await limitOf(caseId)).toMatchObject({ status: "paused" });
  expect(await decisionLimitMail(CHIEF)).toEqual([]);

  await moveTo("2025-04-03T09:00:00+08:00");
  const filed = await h.call("POST", `/cases/${caseId}/supplements`, {
    token: org,
    body: { materials: [{ kind: "charter", ref: "file://charter-v2.pdf" }] },
  });
  expect(filed.status).toBe(200);
  await openTask(caseId);
  // Restarted in full from the day the materials were complete, over the Labour Day holiday.
  expect(await limitOf(caseId)).toMatchObject({ dueDate: "2025-05-06", status: "open" });
  expect((await view(caseId)).timeline).toContainEqual(
    expect.objectContaining({ note: "decision limit restarts: due 2025-05-06" }),
  );

  await moveTo("2025-04-25T10:00:00+08:00");
  const runs = await Promise.all([sweep(), sweep(), sweep()]);
  expect(runs.map((r) => r.errors)).toEqual([0, 0, 0]);
  const again = await decisionLimitMail(QUEUE);
  expect(again).toHaveLength(2);
  expect(new Set(again.map((m) => m.id)).size).toBe(2);
  expect(again.find((m) => m.id !== first[0]?.id)?.text).toContain("2025-05-06");

  await moveTo("2025-05-07T10:00:00+08:00");
  expect((await sweep()).errors).toBe(0);
  expect(await limitOf(caseId)).toMatchObject({ dueDate: "2025-05-06", status: "missed" });
  expect(await decisionLimitMail(CHIEF)).toHaveLength(1);
  expect(await sweep()).toMatchObject({ fired: 0, errors: 0 });
});
