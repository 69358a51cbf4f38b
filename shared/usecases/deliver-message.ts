import type { OutboxMessage } from "../notify/message.js";
import { ConflictError } from "../ports/store.js";
import type { Deps } from "./deps.js";

export const MAX_ATTEMPTS = 5;
const LEASE_MS = 60_000;

/** Backoff before attempt n+1: 1, 2, 4, 8 minutes. */
export const retryDelayMs = (attempts: number): number => 60_000 * 2 ** Math.max(0, attempts - 1);

export type DeliveryResult = "sent" | "retry" | "failed" | "held" | "skipped";

/**
 * Sends one outbox message through its channel. A lease taken with a conditional write first means two
 * deliverers never send the same message; every attempt is recorded; repeated failure ends as failed.
 */
export async function deliverMessage(deps: Deps, id: string): Promise<DeliveryResult> {
  const msg = await deps.store.getOutbox(id);
  if (msg?.status !== "pending") return "skipped";
  const now = deps.clock.now();
  if (Date.parse(msg.notBefore) > now.getTime()) return "held";
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
    if (failed) deps.log.error("message failed for good", { id, channel: msg.channel, kind: msg.kind });
  }
  await deps.store.transact([
    { op: "putOutbox", message: { ...next, version: leased.version + 1 }, expectVersion: leased.version },
  ]);
  return result;
}
