import { smsSendableAt } from "../domain/deadlines/index.js";
import { newId } from "../domain/ids.js";
import type { AlertRecord } from "../domain/risk/alerts.js";
import type { OutboxMessage } from "../notify/message.js";
import { ConflictError, type WriteOp } from "../ports/store.js";
import { settingsFor } from "../settings/index.js";
import type { Deps } from "./support/deps.js";

export const MAX_ATTEMPTS = 5;
const LEASE_MS = 60_000;

/** Backoff before attempt n+1: 1, 2, 4, 8 minutes. */
export const retryDelayMs = (attempts: number): number => 60_000 * 2 ** Math.max(0, attempts - 1);

export type DeliveryResult = "sent" | "retry" | "failed" | "held" | "skipped";

/** SMS waits out the jurisdiction's quiet hours; email goes at any hour. */
function sendableAt(message: OutboxMessage, now: Date): Date {
  if (message.channel !== "sms" || !message.jurisdiction) return now;
  return smsSendableAt(now, settingsFor(message.jurisdiction).reminders.smsQuietHours);
}

const maskAddress = (to: string) =>
  to.includes("@") ? to.replace(/^(.).*(@.*)$/, "$1***$2") : `${to.slice(0, 3)}****${to.slice(-4)}`;

/**
 * Sends one outbox message through its channel. A lease taken with a conditional write first means two
 * deliverers never send the same message; every attempt is recorded; repeated failure ends as failed
 * and raises an operator alert.
 */
export async function deliverMessage(deps: Deps, id: string): Promise<DeliveryResult> {
  const msg = await deps.store.getOutbox(id);
  if (msg?.status !== "pending") return "skipped";
  const now = deps.clock.now();
  if (Date.parse(msg.notBefore) > now.getTime()) return "held";
  const allowedAt = sendableAt(msg, now);
  if (allowedAt > now) {
    await hold(deps, msg, allowedAt);
    return "held";
  }
  const leased: OutboxMessage = {
    ...msg,
    notBefore: new Date(now.getTime() + LEASE_MS).toISOString(),
    version: msg.version + 1,
  };
  try {
    await deps.store.transact([{ op: "putOutbox", message: leased, expectVersion: msg.version }]);
  } catch (error) {
    if (error instanceof ConflictError) return "skipped";
    throw error;
  }
  const at = deps.clock.now().toISOString();
  let next: OutboxMessage;
  let result: DeliveryResult;
  const extra: WriteOp[] = [];
  try {
    await deps.channels[msg.channel].send(msg);
    next = { ...leased, status: "sent", sentAt: at, attempts: [...msg.attempts, { at, ok: true }] };
    result = "sent";
  } catch (error) {
    const attempts = [...msg.attempts, { at, ok: false, error: String((error as Error).message ?? error) }];
    const failed = attempts.length >= MAX_ATTEMPTS;
    next = {
      ...leased,
      attempts,
      status: failed ? "failed" : "pending",
      notBefore: new Date(Date.parse(at) + retryDelayMs(attempts.length)).toISOString(),
    };
    result = failed ? "failed" : "retry";
    if (failed) {
      extra.push({ op: "putAlert", alert: deliveryFailedAlert(next, at), expectVersion: "absent" });
      deps.log.error("message failed for good", { id: msg.id, channel: msg.channel, kind: msg.kind });
    }
  }
  await deps.store.transact([
    { op: "putOutbox", message: { ...next, version: leased.version + 1 }, expectVersion: leased.version },
    ...extra,
  ]);
  return result;
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
    if (!(error instanceof ConflictError)) throw error;
  }
}

function deliveryFailedAlert(msg: OutboxMessage, at: string): AlertRecord {
  const last = msg.attempts.at(-1);
  return {
    alertId: newId("A", new Date(at)),
    jurisdiction: msg.jurisdiction ?? "000000",
    rule: "delivery_failed",
    severity: "medium",
    explanation: `The ${msg.channel} message "${msg.kind}" to ${maskAddress(msg.to)} failed ${msg.attempts.length} times and will not be retried: ${last?.error ?? "unknown error"}`,
    evidence: { messageId: msg.id, channel: msg.channel, kind: msg.kind, attempts: msg.attempts },
    raisedAt: at,
    status: "open",
    version: 1,
  };
}
