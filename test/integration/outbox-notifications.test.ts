import { DynamoDBDocumentClient, PutCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { composeMessages } from "../../shared/notify/compose.js";
import { LEASE_MS } from "../../shared/notify/delivery.js";
import {
  notificationIdOf,
  type OutboxMessage,
  type OutboxNotification,
} from "../../shared/notify/message.js";
import type { Channel } from "../../shared/ports/notifier.js";
import type { DynamoStore } from "../../shared/store/dynamo-store.js";
import { dueIndex, outboxKey, recipientValue } from "../../shared/store/keys.js";
import { indexes } from "../../shared/store/table.js";
import { deliverMessage } from "../../shared/usecases/deliver-message.js";
import type { Deps, Logger } from "../../shared/usecases/support/deps.js";
import { application, type Harness, quietLogger, startHarness } from "./harness.js";

/** Every send the harness's channels took, by delivery id. */
const sends = new Map<string, number>();
const counting: Channel = {
  async send(m) {
    sends.set(m.id, (sends.get(m.id) ?? 0) + 1);
  },
};

let h: Harness;
let store: DynamoStore;
const errors: { message: string; fields?: Record<string, unknown> }[] = [];
const log: Logger = { ...quietLogger, error: (message, fields) => errors.push({ message, fields }) };

beforeAll(async () => {
  h = await startHarness({
    now: "2025-03-03T09:00:00+08:00",
    channels: { email: counting, sms: counting },
    log,
  });
  store = h.runtime.deps.store as DynamoStore;
});
afterAll(() => h?.stop());

type Listed = { id: string; channel: string; to: string; kind: string; status: string; attempts: number };
const outbox = async (to: string) =>
  (await h.call<{ items: Listed[] }>("GET", `/outbox?to=${encodeURIComponent(to)}`)).body.items;
const moveTo = (now: string) => h.call("POST", "/admin/clock", { body: { now } });
const later = (ms: number) => moveTo(new Date(h.runtime.clock.now().getTime() + ms).toISOString());
const sweep = () => h.call("POST", "/admin/sweep");
const outboxWrites = () => store.writeStats().byKind.outbox ?? 0;

async function register(sub: string, contact: { email: string; phone: string }) {
  const res = await h.call("POST", "/registrations", {
    token: await h.token({ role: "org", sub }),
    body: application({ contact }),
  });
  expect(res.status).toBe(201);
}

/** The one notification both addresses' listings name. */
async function notificationTo(email: string, phone: string): Promise<OutboxNotification> {
  const [byEmail] = await outbox(email);
  const [byPhone] = await outbox(phone);
  expect(notificationIdOf(byEmail?.id ?? "")).toBe(notificationIdOf(byPhone?.id ?? "-"));
  const n = await store.getNotification(notificationIdOf(byEmail?.id ?? ""));
  if (!n) throw new Error("no notification");
  return n;
}

describe("one outbox item per notification", () => {
  it("an applicant's notice is one item with a delivery per channel, written once and recorded sent in one write", async () => {
    const before = outboxWrites();
    await register("one-item", { email: "one@example.org", phone: "13500000001" });
    expect(outboxWrites() - before).toBe(2);
    const n = await notificationTo("one@example.org", "13500000001");
    expect(n.kind).toBe("registration_submitted");
    expect(n.deliveries.map((d) => [d.channel, d.to, d.status, d.attempts.length])).toEqual([
      ["email", "one@example.org", "sent", 1],
      ["sms", "13500000001", "sent", 1],
    ]);
    expect(n.leaseUntil).toBeUndefined();
    for (const d of n.deliveries) expect(sends.get(d.id)).toBe(1);
    // Each address lists its own delivery, with the fields GET /outbox gives.
    const [email] = await outbox("one@example.org");
    expect(email).toMatchObject({ channel: "email", to: "one@example.org", status: "sent", attempts: 1 });
    const [sms] = await outbox("13500000001");
    expect(sms).toMatchObject({ channel: "sms", to: "13500000001", status: "sent", attempts: 1 });
  });

  it("in SMS quiet hours the email goes and the SMS waits in the same item, then goes alone in the morning", async () => {
    await moveTo("2025-10-10T22:30:00+08:00");
    const before = outboxWrites();
    await register("one-night", { email: "night@example.org", phone: "13500000002" });
    expect(outboxWrites() - before).toBe(2);
    const night = await notificationTo("night@example.org", "13500000002");
    const [email, sms] = night.deliveries;
    expect(email).toMatchObject({ channel: "email", status: "sent" });
    expect(sms).toMatchObject({ channel: "sms", status: "pending", attempts: [] });
    expect(Date.parse(sms?.notBefore ?? "")).toBe(Date.parse("2025-10-11T08:00:00+08:00"));

    await moveTo("2025-10-11T07:59:00+08:00");
    await sweep();
    expect((await store.getNotification(night.id))?.version).toBe(night.version);
    await moveTo("2025-10-11T08:00:30+08:00");
    await sweep();
    const morning = await store.getNotification(night.id);
    expect(morning?.deliveries.map((d) => [d.channel, d.status, d.attempts.length])).toEqual([
      ["email", "sent", 1],
      ["sms", "sent", 1],
    ]);
    expect(morning?.deliveries[0]?.sentAt).toBe(email?.sentAt);
    expect(sends.get(email?.id ?? "")).toBe(1);
    expect(sends.get(sms?.id ?? "")).toBe(1);
  });
});

describe("a deliverer that loses its lease during a send", () => {
  it("records nothing: the one that took the notification over records its own sends, once", async () => {
    const [n] = composeMessages({
      kind: "registration_submitted",
      ref: "lost-lease",
      to: { email: "lease@example.org", phone: "13500000003" },
      vars: { orgName: "测试社会组织", caseId: "C-LEASE", dueDate: "2025-05-30" },
      jurisdiction: "310114",
      now: h.runtime.clock.now(),
    });
    const written = n as OutboxNotification;
    await store.transact([{ op: "putOutbox", notification: written, expectVersion: "absent" }]);

    // A queue consumer whose sends stall until released.
    let release = () => {};
    const stalled = new Promise<void>((resolve) => {
      release = resolve;
    });
    let started = 0;
    const stalling: Channel = {
      async send() {
        started++;
        await stalled;
      },
    };
    const slow: Deps = { ...h.runtime.deps, channels: { email: stalling, sms: stalling } };
    const first = deliverMessage(slow, written.id);
    while (started < 2) await new Promise((r) => setTimeout(r, 20));

    // Past its lease (renewed every 20 s of real time, so not meanwhile), a second consumer takes over.
    await later(2 * LEASE_MS);
    const second = await deliverMessage(h.runtime.deps, written.id);
    expect(second).toMatchObject({ sent: 2, skipped: 0 });
    release();
    expect(await first).toMatchObject({ sent: 0, skipped: 1 });

    const stored = await store.getNotification(written.id);
    expect(stored?.deliveries.map((d) => [d.status, d.attempts.length])).toEqual([
      ["sent", 1],
      ["sent", 1],
    ]);
    for (const d of written.deliveries) expect(sends.get(d.id)).toBe(1);
    expect(errors.map((e) => e.message)).toContain("outbox lease lost during a send");
  });
});

describe("outbox items written one per message, before notifications", () => {
  /** An item as the earlier release wrote it: one message, its own owner-index and due-index entries. */
  async function writeOld(m: OutboxMessage) {
    const key = outboxKey(m.id);
    const due = dueIndex(key, m.notBefore);
    await DynamoDBDocumentClient.from(h.runtime.dynamo).send(
      new PutCommand({
        TableName: h.tableName,
        Item: {
          ...key,
          type: "outbox",
          ...m,
          [indexes.owner.partition]: recipientValue(m.to),
          [indexes.owner.sort]: `${m.createdAt}#${m.id}`,
          [indexes.due.partition]: due.pk,
          [indexes.due.sort]: due.sk,
        },
      }),
    );
  }

  it("are still delivered by the sweep, and listed by their address with their ids", async () => {
    const now = h.runtime.clock.now();
    const createdAt = new Date(now.getTime() - 10 * 60_000).toISOString();
    const common = {
      kind: "registration_submitted",
      jurisdiction: "310114",
      locale: "zh-CN" as const,
      vars: { orgName: "旧社会组织", caseId: "C-OLD", dueDate: "2025-05-30" },
      createdAt,
      status: "pending" as const,
    };
    // One written leased to a first delivery that never came, one waiting out a retry.
    const email: OutboxMessage = {
      ...common,
      id: "0123456789abcdef0123456789abcdef",
      channel: "email",
      to: "old@example.org",
      subject: "旧通知",
      text: "您的申请已受理",
      notBefore: new Date(Date.parse(createdAt) + LEASE_MS).toISOString(),
      attempts: [],
      version: 1,
    };
    const sms: OutboxMessage = {
      ...common,
      id: "fedcba9876543210fedcba9876543210",
      channel: "sms",
      to: "13500000004",
      text: "您的申请已受理",
      notBefore: new Date(now.getTime() - 60_000).toISOString(),
      attempts: [{ at: createdAt, ok: false, error: "421 try again later" }],
      version: 3,
    };
    await writeOld(email);
    await writeOld(sms);
    expect((await outbox("old@example.org")).map((m) => [m.id, m.status])).toEqual([[email.id, "pending"]]);

    await sweep();
    expect(await outbox("old@example.org")).toEqual([
      expect.objectContaining({
        id: email.id,
        channel: "email",
        kind: "registration_submitted",
        status: "sent",
        attempts: 1,
      }),
    ]);
    expect(await outbox("13500000004")).toEqual([
      expect.objectContaining({ id: sms.id, channel: "sms", status: "sent", attempts: 2 }),
    ]);
    expect(sends.get(email.id)).toBe(1);
    expect(sends.get(sms.id)).toBe(1);
    expect((await store.getOutbox(sms.id))?.attempts.map((a) => a.ok)).toEqual([false, true]);
    // Sent, it leaves the due index: another sweep sends nothing again.
    await later(60 * 60_000);
    await sweep();
    expect(sends.get(email.id)).toBe(1);
    expect(sends.get(sms.id)).toBe(1);
  });
});
