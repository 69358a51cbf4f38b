import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CHANNEL_TIMEOUTS } from "./channels/timeouts.js";
import {
  afterFailure,
  backoffCapMs,
  DEFAULT_USEFUL_MS,
  inFirstLease,
  LEASE_MS,
  MAX_BACKOFF_MS,
  retryDelayMs,
  usefulUntil,
} from "./delivery.js";
import type { OutboxAttempt, OutboxMessage } from "./message.js";

const created = "2025-03-03T01:00:00.000Z";
const t0 = Date.parse(created);

/** Attempts that each failed at the instant the previous outcome allowed, until the message stops. */
function failUntilDone(m: Pick<OutboxMessage, "createdAt" | "usefulUntil">, lateness: number[]) {
  const attempts: OutboxAttempt[] = [];
  let at = Date.parse(m.createdAt);
  for (let i = 0; i < 200; i++) {
    at += lateness[i % lateness.length] ?? 0;
    attempts.push({ at: new Date(at).toISOString(), ok: false, error: "451 try again later" });
    const outcome = afterFailure(m, attempts, false);
    if (outcome.status === "failed") return { attempts, outcome };
    at = Date.parse(outcome.notBefore);
  }
  throw new Error("never stopped");
}

describe("retrying a message while it is useful", () => {
  it("backs off 1, 2, 4, 8, 16 minutes, then every 30; wider only in a window longer than a day", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 20].map((n) => retryDelayMs(n) / 60_000)).toEqual([
      1, 2, 4, 8, 16, 30, 30, 30,
    ]);
    expect(backoffCapMs(DEFAULT_USEFUL_MS)).toBe(MAX_BACKOFF_MS);
    expect(retryDelayMs(20, 60 * DEFAULT_USEFUL_MS) / 3_600_000).toBe(30);
  });

  it("a permanent failure fails at once, however early", () => {
    const attempts = [{ at: created, ok: false, error: "550 no such user", permanent: true }];
    expect(afterFailure({ createdAt: created }, attempts, true)).toEqual({
      status: "failed",
      because: "permanent",
    });
  });

  it("is useful for a day by default, or until the next rung", () => {
    expect(usefulUntil({ createdAt: created })).toBe(t0 + DEFAULT_USEFUL_MS);
    expect(usefulUntil({ createdAt: created, usefulUntil: "2025-03-10T00:00:00.000Z" })).toBe(
      Date.parse("2025-03-10T00:00:00.000Z"),
    );
  });

  it("a temporary failure is retried with capped backoff, never past the window, and stops once it closes", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2 * 60_000, max: 40 * DEFAULT_USEFUL_MS }),
        fc.array(fc.integer({ min: 0, max: 10 * 60_000 }), { minLength: 1, maxLength: 5 }),
        (windowMs, lateness) => {
          const m = { createdAt: created, usefulUntil: new Date(t0 + windowMs).toISOString() };
          const { attempts } = failUntilDone(m, lateness);
          const times = attempts.map((a) => Date.parse(a.at));
          for (let i = 1; i < times.length; i++) {
            const gap = (times[i] as number) - (times[i - 1] as number);
            expect(gap).toBeGreaterThanOrEqual(retryDelayMs(i, windowMs));
            expect(gap - (lateness[i % lateness.length] ?? 0)).toBeLessThanOrEqual(backoffCapMs(windowMs));
          }
          // The last attempt was the last one the window allowed: the next would have fallen outside it.
          const last = times.at(-1) as number;
          expect(last + retryDelayMs(attempts.length, windowMs)).toBeGreaterThanOrEqual(t0 + windowMs);
          expect(attempts.length).toBeLessThanOrEqual(70);
          for (const t of times.slice(1)) expect(t).toBeLessThan(t0 + windowMs + 10 * 60_000);
        },
      ),
    );
  });
});

describe("the lease a message is written with", () => {
  const fresh: OutboxMessage = {
    id: "m1",
    channel: "email",
    to: "a@example.org",
    kind: "registration_submitted",
    locale: "zh-CN",
    vars: {},
    text: "",
    status: "pending",
    createdAt: created,
    notBefore: new Date(t0 + LEASE_MS).toISOString(),
    attempts: [],
    version: 1,
  };

  it("holds until it runs out, and only before anyone has written to the message", () => {
    expect(inFirstLease(fresh, new Date(t0 + 1000))).toBe(true);
    expect(inFirstLease(fresh, new Date(t0 + LEASE_MS))).toBe(false);
    expect(inFirstLease({ ...fresh, version: 2 }, new Date(t0 + 1000))).toBe(false);
    expect(inFirstLease({ ...fresh, attempts: [{ at: created, ok: false }] }, new Date(t0 + 1000))).toBe(
      false,
    );
  });

  it("every channel gives up inside the lease", () => {
    expect(2 * CHANNEL_TIMEOUTS.connectMs + CHANNEL_TIMEOUTS.requestMs).toBeLessThan(LEASE_MS);
  });
});
