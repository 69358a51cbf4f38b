import { createHash } from "node:crypto";
import { LEASE_MS } from "./delivery.js";
import { deliveryId, type OutboxDelivery, type OutboxNotification } from "./message.js";
import { type Locale, type MessageKind, renderMessage } from "./templates.js";

export interface Recipient {
  email?: string;
  phone?: string;
}

/** The id of the notification one use case sends one party: the same kind and reference always name the same one. */
export function notificationId(kind: string, ref: string): string {
  return createHash("sha256").update(`${kind}|${ref}`).digest("hex").slice(0, 32);
}

/**
 * The outbox item of one notification to one party, with a delivery per channel the party has (none when it
 * has neither address). It is written leased to its first delivery (the notifier its creator hands it to), so
 * no sweep takes it up meanwhile and the send needs no lease write of its own.
 */
export function composeMessages(opts: {
  kind: MessageKind;
  ref: string;
  to: Recipient;
  vars: Record<string, string>;
  locale?: Locale;
  jurisdiction?: string;
  /** When the message stops being worth retrying (the next rung of its ladder); a day by default. */
  usefulUntil?: Date;
  now: Date;
}): OutboxNotification[] {
  const locale = opts.locale ?? "zh-CN";
  const rendered = renderMessage(opts.kind, locale, opts.vars);
  const at = opts.now.toISOString();
  const kind = String(opts.kind);
  const id = notificationId(kind, opts.ref);
  const deliveries: OutboxDelivery[] = [];
  const fresh = { status: "pending" as const, notBefore: at, attempts: [] };
  if (opts.to.email) {
    deliveries.push({
      id: deliveryId(id, "email"),
      channel: "email",
      to: opts.to.email,
      subject: rendered.subject,
      text: rendered.email,
      ...fresh,
    });
  }
  if (opts.to.phone) {
    deliveries.push({
      id: deliveryId(id, "sms"),
      channel: "sms",
      to: opts.to.phone,
      text: rendered.sms,
      ...fresh,
    });
  }
  if (deliveries.length === 0) return [];
  return [
    {
      id,
      kind,
      ...(opts.jurisdiction ? { jurisdiction: opts.jurisdiction } : {}),
      locale,
      vars: opts.vars,
      createdAt: at,
      ...(opts.usefulUntil ? { usefulUntil: opts.usefulUntil.toISOString() } : {}),
      leaseUntil: new Date(opts.now.getTime() + LEASE_MS).toISOString(),
      deliveries,
      version: 1,
    },
  ];
}
