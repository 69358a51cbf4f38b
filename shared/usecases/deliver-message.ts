import { smsSendableAt } from "../domain/deadlines/index.js";
import { newId } from "../domain/ids.js";
import type { AlertRecord } from "../domain/risk/alerts.js";
import {
  afterFailure,
  type FailureOutcome,
  inFirstLease,
  LEASE_MS,
  usefulUntil,
} from "../notify/delivery.js";
import type { OutboxMessage } from "../notify/message.js";
import { isPermanentFailure } from "../ports/notifier.js";
import { ConflictError, type WriteOp } from "../ports/store.js";
import { settingsFor } from "../settings/index.js";
import type { Deps } from "./support/deps.js";

export type DeliveryResult = "sent" | "retry" | "failed" | "held" | "skipped";

export interface DeliveryOptions {
  /**
   * The caller wrote the message leased to its first delivery and delivers it in the same process, so it
   * holds that lease already. A queue consumer never does: a queue may hand the same message over twice.
   */
  holdsFirstLease?: boolean;
}

/** SMS waits out the jurisdiction's quiet hours; email goes at any hour. */
function sendableAt(message: OutboxMessage, now: Date): Date {
  if (message.channel !== "sms" || !message.jurisdiction) return now;
  return smsSendableAt(now, settingsFor(message.jurisdiction).reminders.smsQuietHours);
}

const maskAddress = (to: string) =>
  to.includes("@") ? to.replace(/^(.).*(@.*)$/, "$1***$2") : `${to.slice(0, 3)}****${to.slice(-4)}`;

/**
 * Sends one outbox message through its channel, once. The deliverer holds a lease (a conditional write,
 * or the lease the message was written with) and renews it while the send runs; the final write is
 * conditional on still holding it. Every attempt is recorded; a temporary failure is tried again while
 * the message is still useful, a permanent one fails at once, and a failed message raises an alert.
 */
export async function deliverMessage(
  deps: Deps,
  id: string,
  options: DeliveryOptions = {},
): Promise<DeliveryResult> {
  const msg = await deps.store.getOutbox(id);
  if (msg?.status !== "pending") return "skipped";
  const leaseMs = deps.outboxLeaseMs ?? LEASE_MS;
  const now = deps.clock.now();
  const firstLease = inFirstLease(msg, now);
  // A first lease belongs to the notifier; a queue consumer takes it over with a conditional write.
  if (Date.parse(msg.notBefore) > now.getTime() && !firstLease) return "held";
  const allowedAt = sendableAt(msg, now);
  if (allowedAt > now) {
    await hold(deps, msg, allowedAt);
    return "held";
  }
  let held = msg;
  if (!(firstLease && options.holdsFirstLease)) {
    held = { ...msg, notBefore: new Date(now.getTime() + leaseMs).toISOString(), version: msg.version + 1 };
    try {
      await deps.store.transact([{ op: "putOutbox", message: held, expectVersion: msg.version }]);
    } catch (error) {
      if (error instanceof ConflictError) return "skipped";
      throw error;
    }
  }
  const lease = new Lease(deps, held, leaseMs);
  let error: unknown;
  let ok = true;
  try {
    await deps.channels[msg.channel].send(msg);
  } catch (e) {
    ok = false;
    error = e;
  }
  held = await lease.release();
  const at = deps.clock.now().toISOString();
  const attempts = [
    ...msg.attempts,
    ok
      ? { at, ok: true }
      : {
          at,
          ok: false,
          error: String((error as Error)?.message ?? error),
          ...(isPermanentFailure(error) ? { permanent: true } : {}),
        },
  ];
  const outcome: FailureOutcome | undefined = ok
    ? undefined
    : afterFailure(msg, attempts, isPermanentFailure(error));
  const next: OutboxMessage = ok
    ? { ...held, status: "sent", sentAt: at, attempts }
    : outcome?.status === "pending"
      ? { ...held, status: "pending", notBefore: outcome.notBefore, attempts }
      : { ...held, status: "failed", attempts };
  const writes: WriteOp[] = [
    { op: "putOutbox", message: { ...next, version: held.version + 1 }, expectVersion: held.version },
  ];
  if (outcome?.status === "failed") {
    writes.push({
      op: "putAlert",
      alert: deliveryFailedAlert(next, outcome.because, at),
      expectVersion: "absent",
    });
  }
  try {
    await deps.store.transact(writes);
  } catch (e) {
    if (!(e instanceof ConflictError)) throw e;
    // Another deliverer took the message over: what this attempt did is reported, never recorded twice.
    deps.log.error("outbox lease lost during a send", { id, channel: msg.channel, sent: ok });
    return "skipped";
  }
  if (outcome?.status === "failed") {
    deps.log.error("message failed for good", {
      id,
      channel: msg.channel,
      kind: msg.kind,
      because: outcome.because,
    });
    return "failed";
  }
  return ok ? "sent" : "retry";
}

/** Keeps a deliverer's hold on a message while its send runs, renewing a third of the way through each lease. */
class Lease {
  private chain: Promise<void> = Promise.resolve();
  private lost = false;
  private readonly timer: ReturnType<typeof setInterval>;

  constructor(
    private readonly deps: Deps,
    private held: OutboxMessage,
    private readonly leaseMs: number,
  ) {
    this.timer = setInterval(() => {
      this.chain = this.chain.then(() => this.renew());
    }, leaseMs / 3);
  }

  private async renew(): Promise<void> {
    if (this.lost) return;
    const renewed: OutboxMessage = {
      ...this.held,
      notBefore: new Date(this.deps.clock.now().getTime() + this.leaseMs).toISOString(),
      version: this.held.version + 1,
    };
    try {
      await this.deps.store.transact([
        { op: "putOutbox", message: renewed, expectVersion: this.held.version },
      ]);
      this.held = renewed;
    } catch (error) {
      if (error instanceof ConflictError) this.lost = true;
      this.deps.log.warn("outbox lease not renewed", { id: this.held.id, error: String(error) });
    }
  }

  /** Stops renewing; returns the message as last written by this holder. */
  async release(): Promise<OutboxMessage> {
    clearInterval(this.timer);
    await this.chain;
    return this.held;
  }
}

async function hold(deps: Deps, msg: OutboxMessage, until: Date): Promise<void> {
  try {
    await deps.store.transact([
      {
        op: "putOutbox",
        message: { ...msg, notBefore: until.toISOString(), version: msg.version + 1 },
        expectVersion: msg.version,
      },
    ]);
  } catch (error) {
    // Someone else moved the message on; it is theirs now, and the due index brings it back if not.
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
