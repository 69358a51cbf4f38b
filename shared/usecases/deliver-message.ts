import { smsSendableAt } from "../domain/deadlines/index.js";
import { newId } from "../domain/ids.js";
import type { AlertRecord } from "../domain/risk/alerts.js";
import {
  afterFailure,
  type FailureOutcome,
  LEASE_MS,
  notificationInFirstLease,
  usefulUntil,
} from "../notify/delivery.js";
import {
  type OutboxAttempt,
  type OutboxDelivery,
  type OutboxMessage,
  type OutboxNotification,
  outboxMessage,
} from "../notify/message.js";
import { isPermanentFailure } from "../ports/notifier.js";
import { ConflictError, type WriteOp } from "../ports/store.js";
import { settingsFor } from "../settings/index.js";
import type { Deps } from "./support/deps.js";

export type DeliveryResult = "sent" | "retry" | "failed" | "held" | "skipped";

/** What one take of a notification did, delivery by delivery. */
export type DeliveryTally = Record<DeliveryResult, number>;

export interface DeliveryOptions {
  /**
   * The caller wrote the notification leased to its first delivery and delivers it in the same process, so
   * it holds that lease already. A queue consumer never does: a queue may hand the same item over twice.
   */
  holdsFirstLease?: boolean;
}

const tally = (): DeliveryTally => ({ sent: 0, retry: 0, failed: 0, held: 0, skipped: 0 });

/** SMS waits out the jurisdiction's quiet hours; email goes at any hour. */
function sendableAt(n: OutboxNotification, d: OutboxDelivery, now: Date): Date {
  if (d.channel !== "sms" || !n.jurisdiction) return now;
  return smsSendableAt(now, settingsFor(n.jurisdiction).reminders.smsQuietHours);
}

const maskAddress = (to: string) =>
  to.includes("@") ? to.replace(/^(.).*(@.*)$/, "$1***$2") : `${to.slice(0, 3)}****${to.slice(-4)}`;

/**
 * Sends the deliveries of one outbox notification that are due, each once. The deliverer holds a lease on
 * the notification (a conditional write, or the lease it was written with) and renews it while the sends
 * run; what they did is then one write, conditional on still holding it. Every attempt is recorded; a
 * temporary failure is tried again while the notification is still useful, a permanent one fails at once,
 * and each delivery that fails raises an alert. An SMS in quiet hours waits while the email goes.
 */
export async function deliverMessage(
  deps: Deps,
  id: string,
  options: DeliveryOptions = {},
): Promise<DeliveryTally> {
  const result = tally();
  const n = await deps.store.getNotification(id);
  const pending = n?.deliveries.filter((d) => d.status === "pending") ?? [];
  if (!n || pending.length === 0) return { ...result, skipped: 1 };
  const leaseMs = deps.outboxLeaseMs ?? LEASE_MS;
  const now = deps.clock.now();
  const firstLease = notificationInFirstLease(n, now);
  // A first lease belongs to the notifier; a queue consumer takes it over with a conditional write.
  const leased = n.leaseUntil !== undefined && Date.parse(n.leaseUntil) > now.getTime();
  if (leased && !firstLease) return { ...result, held: pending.length };
  const due = pending.filter((d) => Date.parse(d.notBefore) <= now.getTime());
  const holds = new Map<string, string>();
  for (const d of due) {
    const allowedAt = sendableAt(n, d, now);
    if (allowedAt > now) holds.set(d.id, allowedAt.toISOString());
  }
  const sendable = due.filter((d) => !holds.has(d.id));
  const base: OutboxNotification = {
    ...n,
    deliveries: n.deliveries.map((d) => {
      const until = holds.get(d.id);
      return until ? { ...d, notBefore: until } : d;
    }),
  };
  result.held = pending.length - sendable.length;
  if (sendable.length === 0) {
    if (holds.size > 0) await hold(deps, base, n.version);
    return result;
  }
  let held: OutboxNotification = base;
  if (!(firstLease && options.holdsFirstLease)) {
    held = { ...base, leaseUntil: new Date(now.getTime() + leaseMs).toISOString(), version: n.version + 1 };
    try {
      await deps.store.transact([{ op: "putOutbox", notification: held, expectVersion: n.version }]);
    } catch (error) {
      if (error instanceof ConflictError) return { ...tally(), skipped: 1 };
      throw error;
    }
  }
  const lease = new Lease(deps, held, leaseMs);
  const sends = await Promise.all(sendable.map((d) => send(deps, outboxMessage(n, d))));
  held = await lease.release();
  const at = deps.clock.now().toISOString();
  const outcomes = new Map<string, { attempts: OutboxAttempt[]; outcome?: FailureOutcome }>();
  for (const [i, d] of sendable.entries()) {
    const error = sends[i];
    const attempts = [...d.attempts, attemptOf(at, error)];
    outcomes.set(d.id, {
      attempts,
      ...(error === undefined ? {} : { outcome: afterFailure(n, attempts, isPermanentFailure(error)) }),
    });
  }
  const alerts: WriteOp[] = [];
  const deliveries = held.deliveries.map((d): OutboxDelivery => {
    const done = outcomes.get(d.id);
    if (!done) return d;
    if (!done.outcome) {
      result.sent++;
      return { ...d, status: "sent", sentAt: at, attempts: done.attempts };
    }
    if (done.outcome.status === "pending") {
      result.retry++;
      return { ...d, notBefore: done.outcome.notBefore, attempts: done.attempts };
    }
    result.failed++;
    const failed: OutboxDelivery = { ...d, status: "failed", attempts: done.attempts };
    alerts.push({
      op: "putAlert",
      alert: deliveryFailedAlert(outboxMessage(n, failed), done.outcome.because, at),
      expectVersion: "absent",
    });
    return failed;
  });
  const { leaseUntil: _released, ...unleased } = held;
  const next: OutboxNotification = { ...unleased, deliveries, version: held.version + 1 };
  try {
    await deps.store.transact([
      { op: "putOutbox", notification: next, expectVersion: held.version },
      ...alerts,
    ]);
  } catch (e) {
    if (!(e instanceof ConflictError)) throw e;
    // Another deliverer took the notification over: what this take did is reported, never recorded twice.
    deps.log.error("outbox lease lost during a send", {
      id,
      channels: sendable.map((d) => d.channel),
      sent: result.sent,
    });
    return { ...tally(), skipped: 1 };
  }
  for (const d of deliveries) {
    const because = outcomes.get(d.id)?.outcome;
    if (because?.status === "failed") {
      deps.log.error("message failed for good", {
        id: d.id,
        channel: d.channel,
        kind: n.kind,
        because: because.because,
      });
    }
  }
  return result;
}

/** Sends one delivery; what it threw, or nothing when it went. */
async function send(deps: Deps, message: OutboxMessage): Promise<unknown> {
  try {
    await deps.channels[message.channel].send(message);
    return undefined;
  } catch (error) {
    return error ?? new Error("send failed");
  }
}

function attemptOf(at: string, error: unknown): OutboxAttempt {
  if (error === undefined) return { at, ok: true };
  return {
    at,
    ok: false,
    error: String((error as Error)?.message ?? error),
    ...(isPermanentFailure(error) ? { permanent: true } : {}),
  };
}

/** Keeps a deliverer's hold on a notification while its sends run, renewing a third of the way through each lease. */
class Lease {
  private chain: Promise<void> = Promise.resolve();
  private lost = false;
  private readonly timer: ReturnType<typeof setInterval>;

  constructor(
    private readonly deps: Deps,
    private held: OutboxNotification,
    private readonly leaseMs: number,
  ) {
    this.timer = setInterval(() => {
      this.chain = this.chain.then(() => this.renew());
    }, leaseMs / 3);
  }

  private async renew(): Promise<void> {
    if (this.lost) return;
    const renewed: OutboxNotification = {
      ...this.held,
      leaseUntil: new Date(this.deps.clock.now().getTime() + this.leaseMs).toISOString(),
      version: this.held.version + 1,
    };
    try {
      await this.deps.store.transact([
        { op: "putOutbox", notification: renewed, expectVersion: this.held.version },
      ]);
      this.held = renewed;
    } catch (error) {
      if (error instanceof ConflictError) this.lost = true;
      this.deps.log.warn("outbox lease not renewed", { id: this.held.id, error: String(error) });
    }
  }

  /** Stops renewing; returns the notification as last written by this holder. */
  async release(): Promise<OutboxNotification> {
    clearInterval(this.timer);
    await this.chain;
    return this.held;
  }
}

async function hold(deps: Deps, n: OutboxNotification, version: number): Promise<void> {
  try {
    await deps.store.transact([
      { op: "putOutbox", notification: { ...n, version: version + 1 }, expectVersion: version },
    ]);
  } catch (error) {
    // Someone else moved the notification on; it is theirs now, and the due index brings it back if not.
    if (!(error instanceof ConflictError)) throw error;
  }
}

function deliveryFailedAlert(
  msg: OutboxMessage,
  because: "permanent" | "window_closed",
  at: string,
): AlertRecord {
  const last = msg.attempts.at(-1);
  const why =
    because === "permanent"
      ? "was refused for good"
      : `could not be delivered while it was useful (until ${new Date(usefulUntil(msg)).toISOString()})`;
  return {
    alertId: newId("A", new Date(at)),
    jurisdiction: msg.jurisdiction ?? "000000",
    rule: "delivery_failed",
    severity: "medium",
    explanation: `The ${msg.channel} message "${msg.kind}" to ${maskAddress(msg.to)} ${why} after ${msg.attempts.length} attempt(s) and will not be retried: ${last?.error ?? "unknown error"}`,
    evidence: { messageId: msg.id, channel: msg.channel, kind: msg.kind, because, attempts: msg.attempts },
    raisedAt: at,
    status: "open",
    version: 1,
  };
}
