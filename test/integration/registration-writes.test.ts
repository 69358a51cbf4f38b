import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXECUTION_ITEM_TYPE } from "../../shared/store/dynamo-executions.js";
import type { DynamoStore, WriteStats } from "../../shared/store/dynamo-store.js";
import { application, type Harness, startHarness } from "./harness.js";

let h: Harness;
let store: DynamoStore;
let org: string;
let officer: string;

beforeAll(async () => {
  h = await startHarness();
  store = h.runtime.deps.store as DynamoStore;
  org = await h.token({ role: "org", sub: "writes-founder" });
  officer = await h.token({ role: "regulator", sub: "writes-officer", jurisdiction: "310114" });
});
afterAll(() => h?.stop());

/** One registration from application to approval, as an applicant and an officer make it. */
async function register(n: number): Promise<{ caseId: string; email: string; phone: string }> {
  const email = `writes${n}@example.org`;
  const phone = `1390000000${n}`;
  const created = await h.call<{ caseId: string }>("POST", "/registrations", {
    token: org,
    body: application({ contact: { email, phone } }),
  });
  expect(created.status).toBe(201);
  const { caseId } = created.body;
  const view = await h.call<{ currentTask?: { taskId: string } }>("GET", `/cases/${caseId}`, { token: org });
  const taskId = view.body.currentTask?.taskId as string;
  const decided = await h.call("POST", `/tasks/${taskId}/decision`, {
    token: officer,
    body: { outcome: "approve" },
  });
  expect(decided.status).toBe(200);
  await h.runtime.settled();
  return { caseId, email, phone };
}

const delta = (after: WriteStats, before: WriteStats) => ({
  items: after.items - before.items,
  requests: after.requests - before.requests,
  engineRecords: (after.byKind[EXECUTION_ITEM_TYPE] ?? 0) - (before.byKind[EXECUTION_ITEM_TYPE] ?? 0),
});

describe("the writes of one registration, counted by the store", () => {
  it("a registration from application to approval writes at most 14 items in at most 8 requests, 12 of them the application's, and the audit keeps everything", async () => {
    await register(0);
    const rounds = 3;
    const before = store.writeStats();
    const made = [];
    for (let n = 1; n <= rounds; n++) made.push(await register(n));
    const { items, requests, engineRecords } = delta(store.writeStats(), before);

    expect(requests / rounds).toBeLessThanOrEqual(8);
    expect(items / rounds).toBeLessThanOrEqual(14);
    expect((items - engineRecords) / rounds).toBeLessThanOrEqual(12);
    expect(engineRecords / rounds).toBeLessThanOrEqual(2);

    for (const { caseId, email, phone } of made) {
      const view = await h.call<{
        status: string;
        timeline: { action: string }[];
        deadlines: { kind: string; status: string }[];
      }>("GET", `/cases/${caseId}`, { token: org });
      expect(view.body.status).toBe("approved");
      expect(view.body.timeline.map((e) => e.action)).toEqual([
        "submitted",
        "task_opened:registration_review",
        "decision:approve",
        "registered",
      ]);
      expect(view.body.deadlines).toContainEqual(
        expect.objectContaining({ kind: "decision_limit", status: "met" }),
      );
      for (const to of [email, phone]) {
        const outbox = await h.call<{ items: { kind: string; status: string }[] }>(
          "GET",
          `/outbox?to=${encodeURIComponent(to)}`,
        );
        expect(outbox.body.items.map((m) => `${m.kind}:${m.status}`).sort()).toEqual([
          "registration_approved:sent",
          "registration_submitted:sent",
        ]);
      }
    }
  });
});
