import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueUscc } from "../../shared/domain/identifiers/index.js";
import { smtpChannel } from "../../shared/notify/channels/smtp.js";
import { application, type Harness, startHarness } from "./harness.js";
import { smtpRefusal, startSmtpServer, type TestSmtpServer } from "./smtp-server.js";

type Outbox = { items: { id: string; kind: string; status: string; attempts: number }[] };
const outbox = async (h: Harness, to: string) =>
  (await h.call<Outbox>("GET", `/outbox?to=${encodeURIComponent(to)}`)).body.items;
const later = (h: Harness, ms: number) =>
  h.call("POST", "/admin/clock", {
    body: { now: new Date(h.runtime.clock.now().getTime() + ms).toISOString() },
  });

describe("an SMTP server that stalls past the lease", () => {
  let server: TestSmtpServer;
  let h: Harness;
  beforeAll(async () => {
    server = await startSmtpServer(async (n) => {
      if (n === 1) await sleep(4_000);
    });
    h = await startHarness({ smtpUrl: server.url, outboxLeaseMs: 1_500 });
  });
  afterAll(async () => {
    await h.stop();
    await server.stop();
  });

  it("gets the message once: the lease is renewed while the send runs, so no sweep takes it over", async () => {
    const token = await h.token({ role: "org", sub: "stall-founder" });
    const posted = h.call("POST", "/registrations", {
      token,
      body: application({ contact: { email: "stall@example.org", phone: "13600000011" } }),
    });
    await sleep(500);
    // Past the lease the message was written with, and the renewed one several times over.
    await later(h, 120_000);
    await sleep(1_000);
    for (let i = 0; i < 6; i++) {
      await h.call("POST", "/admin/sweep");
      await sleep(300);
    }
    expect((await posted).status).toBe(201);
    await later(h, 120_000);
    await h.call("POST", "/admin/sweep");
    expect(server.received.map((m) => m.to)).toEqual([["stall@example.org"]]);
    expect(await outbox(h, "stall@example.org")).toEqual([
      expect.objectContaining({ status: "sent", attempts: 1 }),
    ]);
  });
});

describe("an SMTP server slower than the channel's timeouts", () => {
  let server: TestSmtpServer;
  let h: Harness;
  beforeAll(async () => {
    server = await startSmtpServer(async (n) => {
      if (n === 1) await sleep(2_500);
    });
    h = await startHarness({
      channels: { email: smtpChannel(server.url, undefined, { connectMs: 1_000, requestMs: 1_000 }) },
    });
  });
  afterAll(async () => {
    await h.stop();
    await server.stop();
  });

  it("times out as a temporary failure and tries again with the same Message-ID, so the receiver can drop a repeat", async () => {
    const token = await h.token({ role: "org", sub: "slow-founder" });
    await h.call("POST", "/registrations", {
      token,
      body: application({ contact: { email: "slow@example.org", phone: "13600000012" } }),
    });
    const [first] = await outbox(h, "slow@example.org");
    expect(first).toMatchObject({ status: "pending", attempts: 1 });
    const stored = await h.runtime.deps.store.getOutbox(first?.id ?? "");
    expect(stored?.attempts[0]).toMatchObject({ ok: false });
    expect(stored?.attempts[0]?.permanent).toBeUndefined();
    expect(stored?.attempts[0]?.error).toMatch(/timeout/i);

    await sleep(2_000);
    await later(h, 2 * 60_000);
    await h.call("POST", "/admin/sweep");
    expect(await outbox(h, "slow@example.org")).toEqual([
      expect.objectContaining({ status: "sent", attempts: 2 }),
    ]);
    expect(server.received.length).toBeGreaterThanOrEqual(1);
    expect(new Set(server.received.map((m) => m.messageId))).toEqual(
      new Set([`<${first?.id}@socorg.local>`]),
    );
  });
});

describe("an SMTP server answering 451 to every other delivery", () => {
  let server: TestSmtpServer;
  let h: Harness;
  beforeAll(async () => {
    server = await startSmtpServer(async (n) => {
      if (n % 2 === 1) throw smtpRefusal(451, "4.7.1 greylisted, try again later");
    });
    h = await startHarness({ now: "2025-03-03T09:00:00+08:00", smtpUrl: server.url });
  });
  afterAll(async () => {
    await h.stop();
    await server.stop();
  });

  it("delivers all 20 reminders, each once", async () => {
    const officer = await h.token({ role: "regulator", sub: "officer-1", jurisdiction: "310114" });
    for (let i = 0; i < 20; i++) {
      const uscc = issueUscc({
        category: "1",
        division: "310114",
        organizationCodeBody: `MK10${String(i).padStart(2, "0")}A0`,
      });
      const res = await h.call("POST", "/organizations", {
        token: officer,
        body: {
          uscc,
          name: `上海市嘉定区第${i + 1}行业协会`,
          orgType: "social_group",
          jurisdiction: "310114",
          registeredOn: "2020-07-01",
          contact: { email: `assoc-${i}@example.org`, phone: `1370000${String(100 + i).padStart(4, "0")}` },
          term: { start: "2020-07-01", end: "2025-06-30" },
        },
      });
      expect(res.status).toBe(201);
    }
    await h.call("POST", "/admin/clock", { body: { now: "2025-04-01T09:00:00+08:00" } });
    const fired = await h.call<{ fired: number }>("POST", "/admin/sweep");
    expect(fired.body.fired).toBe(20);
    for (let round = 0; round < 20 && server.received.length < 20; round++) {
      await later(h, 31 * 60_000);
      await h.call("POST", "/admin/sweep");
    }
    const ids = server.received.map((m) => m.outboxId);
    expect(ids).toHaveLength(20);
    expect(new Set(ids).size).toBe(20);
    expect(server.received.every((m) => m.subject.length > 0)).toBe(true);
    for (let i = 0; i < 20; i++) {
      const [reminder] = await outbox(h, `assoc-${i}@example.org`);
      expect(reminder).toMatchObject({ kind: "reminder_term_end", status: "sent" });
      // A reminder stays worth retrying until the next rung, weeks later, not only for a day.
      const stored = await h.runtime.deps.store.getOutbox(reminder?.id ?? "");
      expect(Date.parse(stored?.usefulUntil ?? "")).toBeGreaterThan(Date.parse("2025-05-01T00:00:00+08:00"));
    }
    // Half the first tries were refused, so every one of those went on a later try.
    expect(server.received.length).toBe(20);
  });
});
