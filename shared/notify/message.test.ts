import { describe, expect, it } from "vitest";
import { composeMessages } from "./compose.js";
import { LEASE_MS, nextDeliveryAt, notificationInFirstLease } from "./delivery.js";
import { notificationIdOf, notificationOfMessage, type OutboxMessage, outboxMessages } from "./message.js";

const now = new Date("2025-03-03T01:00:00.000Z");
const compose = (to: { email?: string; phone?: string }) =>
  composeMessages({
    kind: "registration_submitted",
    ref: "C-1",
    to,
    vars: { orgName: "测试社会组织", caseId: "C-1", dueDate: "2025-05-30" },
    jurisdiction: "310114",
    now,
  });

describe("one notification to one party", () => {
  it("is one item with a delivery per channel the party has, each naming the item", () => {
    const [n, more] = compose({ email: "a@example.org", phone: "13800138000" });
    expect(more).toBeUndefined();
    expect(n?.deliveries.map((d) => [d.channel, d.to])).toEqual([
      ["email", "a@example.org"],
      ["sms", "13800138000"],
    ]);
    for (const d of n?.deliveries ?? []) expect(notificationIdOf(d.id)).toBe(n?.id);
    expect(compose({ phone: "13800138000" })[0]?.id).toBe(n?.id);
    expect(compose({})).toEqual([]);
  });

  it("is written leased to its first delivery, and due after it on the index", () => {
    const [n] = compose({ email: "a@example.org", phone: "13800138000" });
    if (!n) throw new Error("none");
    expect(notificationInFirstLease(n, new Date(now.getTime() + 1000))).toBe(true);
    expect(notificationInFirstLease(n, new Date(now.getTime() + LEASE_MS))).toBe(false);
    expect(nextDeliveryAt(n)).toBe(new Date(now.getTime() + LEASE_MS).toISOString());
    const { leaseUntil: _, ...free } = n;
    const [email, sms] = free.deliveries;
    const held = {
      ...free,
      deliveries: [
        { ...email, status: "sent" as const },
        { ...sms, notBefore: "2025-03-04T00:00:00.000Z" },
      ],
    };
    expect(nextDeliveryAt(held as typeof n)).toBe("2025-03-04T00:00:00.000Z");
    expect(
      nextDeliveryAt({ ...n, deliveries: n.deliveries.map((d) => ({ ...d, status: "sent" as const })) }),
    ).toBeUndefined();
  });
});

describe("an outbox item written one per message", () => {
  const old: OutboxMessage = {
    id: "0123456789abcdef0123456789abcdef",
    channel: "sms",
    to: "13800138000",
    kind: "registration_submitted",
    locale: "zh-CN",
    vars: {},
    text: "t",
    status: "pending",
    createdAt: now.toISOString(),
    notBefore: new Date(now.getTime() + LEASE_MS).toISOString(),
    attempts: [],
    version: 1,
  };

  it("reads as a notification of one delivery with the same id, its first lease kept as the lease", () => {
    const n = notificationOfMessage(old);
    expect(notificationIdOf(old.id)).toBe(old.id);
    expect(n.leaseUntil).toBe(old.notBefore);
    expect(outboxMessages(n)).toEqual([old]);
  });

  it("waiting out a retry, keeps its own time and no lease", () => {
    const retry = { ...old, version: 3, attempts: [{ at: old.createdAt, ok: false }] };
    const n = notificationOfMessage(retry);
    expect(n.leaseUntil).toBeUndefined();
    expect(nextDeliveryAt(n)).toBe(retry.notBefore);
    expect(outboxMessages(n)).toEqual([retry]);
  });
});
