import { createHash } from "node:crypto";
import { LEASE_MS } from "./delivery.js";
import type { ChannelName, OutboxMessage } from "./message.js";
import { type Locale, type MessageKind, renderMessage } from "./templates.js";

export interface Recipient {
  email?: string;
  phone?: string;
}

/** The outbox key: the same kind, reference, channel and recipient always name the same message. */
export function outboxId(kind: string, ref: string, channel: ChannelName, to: string): string {
  return createHash("sha256").update(`${kind}|${ref}|${channel}|${to}`).digest("hex").slice(0, 32);
}

/**
 * One outbox message per channel the recipient has, written leased to its first delivery (the notifier
 * its creator hands it to), so no sweep takes it up meanwhile and the send needs no lease write of its own.
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
}): OutboxMessage[] {
  const locale = opts.locale ?? "zh-CN";
  const rendered = renderMessage(opts.kind, locale, opts.vars);
  const at = opts.now.toISOString();
  const out: OutboxMessage[] = [];
  const kind = String(opts.kind);
  const base = {
    kind,
    locale,
    ...(opts.jurisdiction ? { jurisdiction: opts.jurisdiction } : {}),
    vars: opts.vars,
    status: "pending" as const,
    createdAt: at,
    notBefore: new Date(opts.now.getTime() + LEASE_MS).toISOString(),
    ...(opts.usefulUntil ? { usefulUntil: opts.usefulUntil.toISOString() } : {}),
  };
  if (opts.to.email) {
    out.push({
      ...base,
      id: outboxId(kind, opts.ref, "email", opts.to.email),
      channel: "email",
      to: opts.to.email,
      subject: rendered.subject,
      text: rendered.email,
      attempts: [],
      version: 1,
    });
  }
  if (opts.to.phone) {
    out.push({
      ...base,
      id: outboxId(kind, opts.ref, "sms", opts.to.phone),
      channel: "sms",
      to: opts.to.phone,
      text: rendered.sms,
      attempts: [],
      version: 1,
    });
  }
  return out;
}
