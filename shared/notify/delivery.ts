import type { OutboxAttempt, OutboxMessage, OutboxNotification } from "./message.js";

/** How long a deliverer holds a message; every channel's timeouts are shorter. */
export const LEASE_MS = 60_000;
/** A message with no later rung stays worth retrying this long after it was written. */
export const DEFAULT_USEFUL_MS = 24 * 60 * 60_000;
/** The longest wait between two attempts within a day's window. */
export const MAX_BACKOFF_MS = 30 * 60_000;

/** A longer window spaces its attempts wider, so no window holds more than about 60 of them. */
export const backoffCapMs = (windowMs: number): number => Math.max(MAX_BACKOFF_MS, Math.round(windowMs / 48));

/** Backoff before attempt n+1: 1, 2, 4, 8, 16 minutes, then every 30 minutes (wider in a long window). */
export const retryDelayMs = (attempts: number, windowMs = DEFAULT_USEFUL_MS): number =>
  Math.min(backoffCapMs(windowMs), 60_000 * 2 ** Math.max(0, attempts - 1));

/** Until when a message is still worth sending: its rung's window (the next rung), or a day by default. */
export const usefulUntil = (m: Pick<OutboxMessage, "createdAt" | "usefulUntil">): number =>
  m.usefulUntil ? Date.parse(m.usefulUntil) : Date.parse(m.createdAt) + DEFAULT_USEFUL_MS;

/** A message written leased to its first delivery, which its creator has not tried yet. */
export const inFirstLease = (
  m: Pick<OutboxMessage, "status" | "version" | "attempts" | "notBefore">,
  now: Date,
): boolean =>
  m.status === "pending" &&
  m.version === 1 &&
  m.attempts.length === 0 &&
  Date.parse(m.notBefore) > now.getTime();

/** A notification written leased to its first delivery, which its creator has not tried yet. */
export const notificationInFirstLease = (n: OutboxNotification, now: Date): boolean =>
  inFirstLease(
    {
      status: n.deliveries.some((d) => d.status === "pending") ? "pending" : "sent",
      version: n.version,
      attempts: n.deliveries.flatMap((d) => d.attempts),
      notBefore: n.leaseUntil ?? n.createdAt,
    },
    now,
  );

/** When a deliverer should next take a notification up: its earliest pending delivery, once no lease holds it. */
export function nextDeliveryAt(n: OutboxNotification): string | undefined {
  const pending = n.deliveries.filter((d) => d.status === "pending").map((d) => d.notBefore);
  if (pending.length === 0) return undefined;
  const earliest = pending.reduce((a, b) => (Date.parse(b) < Date.parse(a) ? b : a));
  return n.leaseUntil && Date.parse(n.leaseUntil) > Date.parse(earliest) ? n.leaseUntil : earliest;
}

export type FailureOutcome =
  | { status: "pending"; notBefore: string }
  | { status: "failed"; because: "permanent" | "window_closed" };

/**
 * What a failed attempt leaves: a permanent failure (5xx, an invalid address) fails at once; a temporary
 * one (4xx, throttling, a timeout) is tried again after a capped backoff, unless that falls after the
 * message stops being useful.
 */
export function afterFailure(
  m: Pick<OutboxMessage, "createdAt" | "usefulUntil">,
  attempts: readonly OutboxAttempt[],
  permanent: boolean,
): FailureOutcome {
  if (permanent) return { status: "failed", because: "permanent" };
  const last = attempts.at(-1);
  const at = last ? Date.parse(last.at) : Date.parse(m.createdAt);
  const until = usefulUntil(m);
  const next = at + retryDelayMs(attempts.length, until - Date.parse(m.createdAt));
  if (next >= until) return { status: "failed", because: "window_closed" };
  return { status: "pending", notBefore: new Date(next).toISOString() };
}
