import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { composeMessages } from "../../shared/notify/compose.js";
import { type OutboxNotification, outboxMessages } from "../../shared/notify/message.js";
import { type Channel, DeliveryError } from "../../shared/ports/notifier.js";
import { type Harness, startHarness } from "./harness.js";

/** Fails half its deliveries at random, temporarily; every address under down.example always fails. */
const arrived = new Map<string, number>();
const tries = new Map<string, number>();
const unreliable: Channel = {
  async send(m) {
    tries.set(m.id, (tries.get(m.id) ?? 0) + 1);
    if (m.to.endsWith("@down.example") || Math.random() < 0.5) {
      throw new DeliveryError("421 4.3.2 service not available, try again later", false);
    }
    arrived.set(m.id, (arrived.get(m.id) ?? 0) + 1);
  },
};

let h: Harness;
let officer: string;

beforeAll(async () => {
  h = await startHarness({ now: "2025-03-03T09:00:00+08:00", channels: { email: unreliable } });
  officer = await h.token({ role: "regulator", sub: "officer-1", jurisdiction: "310114" });
});
afterAll(() => h.stop());

const later = (ms: number) =>
  h.call("POST", "/admin/clock", {
    body: { now: new Date(h.runtime.clock.now().getTime() + ms).toISOString() },
  });
const sweep = () => h.call<{ alerts: number }>("POST", "/admin/sweep");

/** Writes notifications as a use case does (conditional puts, in transactions), then hands them to delivery. */
async function writeAndHandOver(notifications: OutboxNotification[]) {
  for (let i = 0; i < notifications.length; i += 25) {
    await h.runtime.deps.store.transact(
      notifications
        .slice(i, i + 25)
        .map((notification) => ({ op: "putOutbox", notification, expectVersion: "absent" })),
    );
  }
  await h.runtime.deps.notifier.enqueue(notifications.map((n) => n.id));
}

const notice = (i: number, email: string, usefulUntil?: Date) =>
  composeMessages({
    kind: "registration_submitted",
    ref: `delivery-test-${i}`,
    to: { email },
    vars: { orgName: `测试社会组织${i}`, caseId: `C-${i}`, dueDate: "2025-05-30" },
    jurisdiction: "310114",
    now: h.runtime.clock.now(),
    ...(usefulUntil ? { usefulUntil } : {}),
  });

describe("delivery through a channel that fails half the time", () => {
  it("each of 100 messages arrives exactly once, with three sweeps overlapping on every round", async () => {
    const notifications = Array.from({ length: 100 }, (_, i) => notice(i, `coin-${i}@example.org`)).flat();
    await writeAndHandOver(notifications);
    const messages = notifications.flatMap(outboxMessages);
    for (let round = 0; round < 40 && arrived.size < 100; round++) {
      await later(31 * 60_000);
      await Promise.all([sweep(), sweep(), sweep()]);
    }
    expect(arrived.size).toBe(100);
    expect([...arrived.values()].every((n) => n === 1)).toBe(true);
    const stored = await Promise.all(messages.map((m) => h.runtime.deps.store.getOutbox(m.id)));
    for (const m of stored) {
      expect(m?.status).toBe("sent");
      // Every try is on the record, and the last is the one that went.
      expect(m?.attempts.length).toBe(tries.get(m?.id ?? ""));
      expect(m?.attempts.filter((a) => a.ok)).toHaveLength(1);
      expect(m?.attempts.at(-1)?.ok).toBe(true);
    }
    // Half the first tries fail, so retries did real work.
    expect([...tries.values()].reduce((a, b) => a + b, 0)).toBeGreaterThan(120);
  });

  it("a temporary failure is retried until the message's window closes, then fails once and raises its alert", async () => {
    const start = h.runtime.clock.now().getTime();
    const until = new Date(start + 2 * 3_600_000);
    const [notification] = notice(1000, "secretary@down.example", until);
    await writeAndHandOver([notification as OutboxNotification]);
    const [message] = outboxMessages(notification as OutboxNotification);
    let alerts = 0;
    for (let minutes = 10; minutes <= 180; minutes += 10) {
      await later(10 * 60_000);
      alerts += (await sweep()).body.alerts;
    }
    const stored = await h.runtime.deps.store.getOutbox(message?.id ?? "");
    expect(stored?.status).toBe("failed");
    // Tries at +0, 1, 3, 7, 15, 31, 61 and 91 minutes (each late by up to one sweep): the next would be past the window.
    expect(stored?.attempts.length).toBe(tries.get(message?.id ?? ""));
    expect(stored?.attempts.length).toBeGreaterThanOrEqual(6);
    expect(stored?.attempts.length).toBeLessThanOrEqual(8);
    for (const a of stored?.attempts ?? []) expect(Date.parse(a.at)).toBeLessThan(until.getTime());
    expect(alerts).toBe(1);
    const list = await h.call<{ items: { rule: string; explanation: string }[] }>(
      "GET",
      "/alerts?status=open",
      {
        token: officer,
      },
    );
    const failed = list.body.items.filter((a) => a.rule === "delivery_failed");
    expect(failed).toHaveLength(1);
    expect(failed[0]?.explanation).toContain("while it was useful");
    expect(failed[0]?.explanation).toContain("421 4.3.2");
    expect(failed[0]?.explanation).not.toContain("secretary@down.example");
  });
});
