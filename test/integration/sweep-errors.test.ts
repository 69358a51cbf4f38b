import { afterAll, beforeAll, expect, it } from "vitest";
import { organizationSubject } from "../../shared/domain/cases/records.js";
import { createDeadline } from "../../shared/domain/deadlines/index.js";
import { issueUscc } from "../../shared/domain/identifiers/index.js";
import { deadlineId } from "../../shared/usecases/support/deadline-writes.js";
import { type Harness, startHarness } from "./harness.js";

const errors: { message: string; extra?: Record<string, unknown> }[] = [];
let h: Harness;

beforeAll(async () => {
  h = await startHarness({
    now: "2025-04-01T09:30:00+08:00",
    log: { info() {}, warn() {}, error: (message, extra) => errors.push({ message, extra }) },
  });
});
afterAll(() => h.stop());

it("an error on one deadline is logged with its id and the sweep goes on with the others", async () => {
  const officer = await h.token({ role: "regulator", sub: "officer-se", jurisdiction: "310114" });
  const uscc = issueUscc({ category: "1", division: "310114", organizationCodeBody: "MJ5000A0" });
  const imported = await h.call("POST", "/organizations", {
    token: officer,
    body: {
      uscc,
      name: "上海市嘉定区换届服务协会",
      orgType: "social_group",
      jurisdiction: "310114",
      registeredOn: "2020-07-01",
      contact: { email: "terms@example.org", phone: "13600000001" },
      term: { start: "2020-07-01", end: "2025-06-30" },
    },
  });
  expect(imported.status).toBe(201);
  // A record no sweep can fire: its due date is not a date, yet it sits on the due index.
  const broken = {
    ...createDeadline({
      subject: organizationSubject(uscc),
      kind: "term_end" as const,
      ref: "broken",
      dueDate: "2025-06-30",
      jurisdiction: "310114",
      uscc,
    }),
    dueDate: "2025-13-45",
    nextFireAt: "2025-03-01T01:00:00.000Z",
  };
  await h.runtime.deps.store.transact([{ op: "putDeadline", deadline: broken, expectVersion: "absent" }]);

  const run = (await h.call<{ fired: number; errors: number }>("POST", "/admin/sweep")).body;
  expect(run).toMatchObject({ fired: 1, errors: 1 });
  expect(errors).toEqual([
    expect.objectContaining({ extra: expect.objectContaining({ deadlineId: deadlineId(broken) }) }),
  ]);
  const outbox = await h.call<{ items: { kind: string }[] }>("GET", "/outbox?to=terms%40example.org");
  expect(outbox.body.items.map((m) => m.kind)).toEqual(["reminder_term_end"]);
  // Left on the index, it is tried again (and logged again) by the next sweep; the rest is done.
  expect(await h.call("POST", "/admin/sweep").then((r) => r.body)).toMatchObject({ fired: 0, errors: 1 });
});
