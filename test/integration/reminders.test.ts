import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueUscc } from "../../shared/domain/identifiers/index.js";
import { type Channel, DeliveryError } from "../../shared/ports/notifier.js";
import { application, type Harness, startHarness } from "./harness.js";

/** Delivers, except to addresses that fail twice for now ("flaky") or refuse for good ("broken"). */
const calls = new Map<string, number>();
const unreliable: Channel = {
  async send(message) {
    const n = (calls.get(message.to) ?? 0) + 1;
    calls.set(message.to, n);
    if (message.to.startsWith("broken")) throw new DeliveryError("550 mailbox unavailable", true);
    if (message.to.startsWith("flaky") && n <= 2) throw new Error("421 try again later");
  },
};

let h: Harness;
let officer: string;
const QUEUE_MAILBOX = "registration-310114@bureau.example";

beforeAll(async () => {
  h = await startHarness({
    now: "2025-03-03T09:00:00+08:00",
    settings: {
      "310114": { reminders: { regulatorContacts: { queue: { email: QUEUE_MAILBOX }, supervisor: {} } } },
    },
    channels: { email: unreliable },
  });
  officer = await h.token({ role: "regulator", sub: "officer-1", jurisdiction: "310114" });
});
afterAll(() => h.stop());

type Outbox = { items: { kind: string; status: string; channel: string; attempts: number }[] };
const outbox = async (to: string) =>
  (await h.call<Outbox>("GET", `/outbox?to=${encodeURIComponent(to)}`)).body.items;
const moveTo = (now: string) => h.call("POST", "/admin/clock", { body: { now } });
const sweep = async () =>
  (await h.call<{ fired: number; reminders: number; alerts: number }>("POST", "/admin/sweep")).body;

async function importOrganization(
  body: string,
  email: string,
  phone: string,
  term: { start: string; end: string },
) {
  const uscc = issueUscc({ category: "1", division: "310114", organizationCodeBody: body });
  const res = await h.call("POST", "/organizations", {
    token: officer,
    body: {
      uscc,
      name: "上海市嘉定区物流行业协会",
      orgType: "social_group",
      jurisdiction: "310114",
      registeredOn: "2020-07-01",
      contact: { email, phone },
      term,
    },
  });
  expect(res.status).toBe(201);
  return uscc;
}

describe("the reminder ladder (换届: 90 and 30 days before, then overdue to the organization and its regulator)", () => {
  it("sends each reminder exactly once as the clock crosses the ladder, even with overlapping sweeps", async () => {
    const uscc = await importOrganization("MJ1000A0", "logistics@example.org", "13700000001", {
      start: "2020-07-01",
      end: "2025-06-30",
    });
    expect((await sweep()).fired).toBe(0);

    await moveTo("2025-04-01T09:00:00+08:00");
    expect(await sweep()).toMatchObject({ fired: 1, reminders: 2 });
    expect((await sweep()).fired).toBe(0);

    await moveTo("2025-05-31T10:00:00+08:00");
    const both = await Promise.all([sweep(), sweep(), sweep()]);
    expect(both.reduce((n, r) => n + r.fired, 0)).toBe(1);

    await moveTo("2025-07-01T09:30:00+08:00");
    expect(await sweep()).toMatchObject({ fired: 1, reminders: 3 });
    await moveTo("2025-07-20T09:30:00+08:00");
    expect((await sweep()).fired).toBe(0);

    const email = await outbox("logistics@example.org");
    expect(email.map((m) => [m.kind, m.status])).toEqual([
      ["reminder_term_end", "sent"],
      ["reminder_term_end", "sent"],
      ["overdue_term_end", "sent"],
    ]);
    expect((await outbox("13700000001")).map((m) => m.kind)).toEqual([
      "reminder_term_end",
      "reminder_term_end",
      "overdue_term_end",
    ]);
    expect((await outbox(QUEUE_MAILBOX)).map((m) => m.kind)).toEqual(["overdue_term_end"]);
    const deadlines = await h.call<{ items: { kind: string; status: string }[] }>(
      "GET",
      `/organizations/${uscc}/deadlines`,
      { token: officer },
    );
    expect(deadlines.body.items).toContainEqual(
      expect.objectContaining({ kind: "term_end", status: "missed" }),
    );
  });

  it("a regulator extends a deadline with reasons: the ladder starts again for the new date, on the timeline", async () => {
    await moveTo("2025-08-01T09:00:00+08:00");
    const uscc = await importOrganization("MJ1000B0", "port@example.org", "13700000002", {
      start: "2020-09-01",
      end: "2025-09-30",
    });
    const list = await h.call<{ items: { deadlineId: string; kind: string }[] }>(
      "GET",
      `/organizations/${uscc}/deadlines`,
      {
        token: officer,
      },
    );
    const id = list.body.items.find((d) => d.kind === "term_end")?.deadlineId as string;
    const org = await h.token({ role: "org", sub: "port-staff", uscc });
    expect(
      (
        await h.call("POST", `/deadlines/${id}/extension`, {
          token: org,
          body: { dueDate: "2025-12-31", reason: "x" },
        })
      ).status,
    ).toBe(403);
    const minhang = await h.token({ role: "regulator", sub: "mh", jurisdiction: "310112" });
    expect(
      (
        await h.call("POST", `/deadlines/${id}/extension`, {
          token: minhang,
          body: { dueDate: "2025-12-31", reason: "x" },
        })
      ).status,
    ).toBe(404);
    const earlier = await h.call<{ error: { details: { field: string }[] } }>(
      "POST",
      `/deadlines/${id}/extension`,
      {
        token: officer,
        body: { dueDate: "2025-09-01", reason: "x" },
      },
    );
    expect(earlier.status).toBe(400);
    expect(earlier.body.error.details[0]?.field).toBe("dueDate");
    const ok = await h.call("POST", `/deadlines/${id}/extension`, {
      token: officer,
      body: { dueDate: "2025-12-31", reason: "换届选举因疫情防控推迟，经业务主管单位同意" },
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ dueDate: "2025-12-31", status: "extended" });

    const timeline = await h.call<{ items: { action: string; note: string }[] }>(
      "GET",
      `/organizations/${uscc}/timeline`,
      {
        token: org,
      },
    );
    expect(timeline.body.items).toEqual([
      expect.objectContaining({
        action: "deadline_extended:term_end",
        note: "2025-09-30 → 2025-12-31: 换届选举因疫情防控推迟，经业务主管单位同意",
      }),
    ]);

    await moveTo("2025-10-02T09:30:00+08:00");
    expect((await sweep()).fired).toBe(1);
    expect((await outbox("port@example.org")).map((m) => m.kind)).toEqual(["reminder_term_end"]);
  });
});

describe("delivery", () => {
  it("an SMS due in quiet hours waits until morning; the email goes at once", async () => {
    await moveTo("2025-10-10T22:30:00+08:00");
    await h.call("POST", "/registrations", {
      token: await h.token({ role: "org", sub: "night-owl" }),
      body: application({ contact: { email: "owl@example.org", phone: "13700000003" } }),
    });
    expect((await outbox("owl@example.org"))[0]?.status).toBe("sent");
    expect((await outbox("13700000003"))[0]?.status).toBe("pending");
    await moveTo("2025-10-11T07:59:00+08:00");
    await sweep();
    expect((await outbox("13700000003"))[0]?.status).toBe("pending");
    await moveTo("2025-10-11T08:00:30+08:00");
    await sweep();
    expect((await outbox("13700000003"))[0]?.status).toBe("sent");
  });

  it("a channel that fails twice then succeeds delivers once, with three attempts recorded", async () => {
    await moveTo("2025-10-13T10:00:00+08:00");
    await h.call("POST", "/registrations", {
      token: await h.token({ role: "org", sub: "flaky-founder" }),
      body: application({ contact: { email: "flaky@example.org", phone: "13700000004" } }),
    });
    expect(await outbox("flaky@example.org")).toEqual([
      expect.objectContaining({ status: "pending", attempts: 1 }),
    ]);
    await sweep();
    expect((await outbox("flaky@example.org"))[0]?.attempts).toBe(1);
    await moveTo("2025-10-13T10:01:30+08:00");
    await sweep();
    expect((await outbox("flaky@example.org"))[0]).toMatchObject({ status: "pending", attempts: 2 });
    await moveTo("2025-10-13T10:04:00+08:00");
    await Promise.all([sweep(), sweep()]);
    expect(await outbox("flaky@example.org")).toEqual([
      expect.objectContaining({ status: "sent", attempts: 3 }),
    ]);
    expect(calls.get("flaky@example.org")).toBe(3);
  });

  it("a permanent refusal fails at once, is not retried, and raises an operator alert", async () => {
    await moveTo("2025-10-14T10:00:00+08:00");
    await h.call("POST", "/registrations", {
      token: await h.token({ role: "org", sub: "broken-founder" }),
      body: application({ contact: { email: "broken@example.org", phone: "13700000005" } }),
    });
    for (const minutes of [2, 5, 10, 20, 40]) {
      await moveTo(new Date(Date.parse("2025-10-14T10:00:00+08:00") + minutes * 60_000).toISOString());
      expect((await sweep()).alerts).toBe(0);
    }
    expect(await outbox("broken@example.org")).toEqual([
      expect.objectContaining({ status: "failed", attempts: 1 }),
    ]);
    expect(calls.get("broken@example.org")).toBe(1);
    const list = await h.call<{ items: { rule: string; explanation: string }[] }>(
      "GET",
      "/alerts?status=open",
      {
        token: officer,
      },
    );
    const failed = list.body.items.filter((a) => a.rule === "delivery_failed");
    expect(failed).toHaveLength(1);
    const alert = failed[0];
    expect(alert?.explanation).toContain("550 mailbox unavailable");
    expect(alert?.explanation).not.toContain("broken@example.org");
  });
});
