import { afterAll, beforeAll, expect, it } from "vitest";
import { application, type Harness, startHarness } from "./harness.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ now: "2025-04-01T10:00:00+08:00" });
});
afterAll(() => h.stop());

it("an unanswered supplement request closes the case as withdrawn once its period has passed", async () => {
  const org = await h.token({ role: "org", sub: "late-founder" });
  const officer = await h.token({ role: "regulator", sub: "officer-1", jurisdiction: "310114" });
  const created = await h.call<{ caseId: string }>("POST", "/registrations", {
    token: org,
    body: application({ contact: { email: "late@example.org", phone: "13900000011" } }),
  });
  const caseId = created.body.caseId;
  const tasks = await h.call<{ items: { taskId: string; caseId: string }[] }>(
    "GET",
    "/tasks?queue=registration",
    {
      token: officer,
    },
  );
  const taskId = tasks.body.items.find((t) => t.caseId === caseId)?.taskId;
  await h.call("POST", `/tasks/${taskId}/decision`, {
    token: officer,
    body: { outcome: "request_supplement", reason: "缺少住所使用证明" },
  });
  const waiting = await h.call<{ deadlines: { kind: string; dueDate: string }[] }>(
    "GET",
    `/cases/${caseId}`,
    { token: org },
  );
  // 30 days from 1 April 2025 is 1 May, inside the Labour Day holiday (1–5 May): the period ends on 6 May.
  expect(waiting.body.deadlines.find((d) => d.kind === "supplement")?.dueDate).toBe("2025-05-06");

  await h.call("POST", "/admin/clock", { body: { now: "2025-05-06T23:00:00+08:00" } });
  // On the last day only the day's reminder goes (the 7- and 1-day ones are stale by now); the case stays open.
  const early = await h.call<{ fired: number; reminders: number }>("POST", "/admin/sweep");
  expect(early.body).toMatchObject({ fired: 1, reminders: 2 });
  expect((await h.call<{ status: string }>("GET", `/cases/${caseId}`, { token: org })).body.status).toBe(
    "awaiting_supplement",
  );

  await h.call("POST", "/admin/clock", { body: { now: "2025-05-07T00:05:00+08:00" } });
  const [a, b] = await Promise.all([
    h.call<{ fired: number }>("POST", "/admin/sweep"),
    h.call<{ fired: number }>("POST", "/admin/sweep"),
  ]);
  expect(a.body.fired + b.body.fired).toBe(1);

  const closed = await h.call<{
    status: string;
    deadlines: { kind: string; status: string }[];
    timeline: { action: string }[];
  }>("GET", `/cases/${caseId}`, { token: org });
  expect(closed.body.status).toBe("withdrawn");
  expect(closed.body.deadlines).toContainEqual(
    expect.objectContaining({ kind: "supplement", status: "missed" }),
  );
  expect(closed.body.timeline.at(-1)?.action).toBe("withdrawn");
  const late = await h.call("POST", `/cases/${caseId}/supplements`, {
    token: org,
    body: { materials: [{ kind: "domicile_proof", ref: "late.pdf" }] },
  });
  expect(late.status).toBe(409);
  const mail = await h.call<{ items: { kind: string }[] }>("GET", "/outbox?to=late@example.org");
  expect(mail.body.items.map((m) => m.kind)).toEqual([
    "registration_submitted",
    "supplement_requested",
    "reminder_supplement",
    "registration_withdrawn",
  ]);
  expect((await h.call("POST", "/admin/clock", { body: { now: "2025-01-01T00:00:00+08:00" } })).status).toBe(
    400,
  );
});
