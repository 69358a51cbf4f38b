/** A notification as the outbox keeps it: a kind plus its variables; each channel renders it. */
export type ChannelName = "email" | "sms";

export type OutboxStatus = "pending" | "sent" | "failed";

export interface OutboxAttempt {
  at: string;
  ok: boolean;
  error?: string;
  /** The channel said the message can never go (5xx, an invalid address). */
  permanent?: boolean;
}

/**
 * One message on one channel to one address, as a channel sends it and `GET /outbox` lists it; an outbox
 * item written before notifications held their deliveries together has this shape too.
 */
export interface OutboxMessage {
  id: string;
  channel: ChannelName;
  to: string;
  kind: string;
  /** The jurisdiction whose settings (SMS quiet hours) and alerts the message belongs to. */
  jurisdiction?: string;
  locale: "zh-CN" | "en";
  vars: Record<string, string>;
  subject?: string;
  text: string;
  status: OutboxStatus;
  createdAt: string;
  /** Not before this instant (a deliverer's lease, SMS quiet hours, retry backoff). */
  notBefore: string;
  /** Retried until this instant (the next rung of its ladder); a day after `createdAt` when absent. */
  usefulUntil?: string;
  sentAt?: string;
  attempts: OutboxAttempt[];
  version: number;
}

/** A notification's message on one channel to one address, with its own progress. */
export interface OutboxDelivery {
  id: string;
  channel: ChannelName;
  to: string;
  subject?: string;
  text: string;
  status: OutboxStatus;
  /** Not before this instant (SMS quiet hours, retry backoff). */
  notBefore: string;
  sentAt?: string;
  attempts: OutboxAttempt[];
}

/**
 * One outbox item: what one use case tells one party (a kind plus its variables), with a delivery per
 * channel and address, so writing it, and recording the deliveries a deliverer sent, is one write.
 */
export interface OutboxNotification {
  id: string;
  kind: string;
  /** The jurisdiction whose settings (SMS quiet hours) and alerts the notification belongs to. */
  jurisdiction?: string;
  locale: "zh-CN" | "en";
  vars: Record<string, string>;
  createdAt: string;
  /** Retried until this instant (the next rung of its ladder); a day after `createdAt` when absent. */
  usefulUntil?: string;
  /** A deliverer holds the notification until this instant. */
  leaseUntil?: string;
  deliveries: OutboxDelivery[];
  version: number;
}

/** A delivery's id names its notification, so a delivery is read by its id alone. */
export const deliveryId = (notificationId: string, channel: ChannelName): string =>
  `${notificationId}-${channel}`;

/** The notification a delivery belongs to; a message from before notifications is its own. */
export const notificationIdOf = (id: string): string => id.split("-")[0] ?? id;

/** A delivery as a channel sends it and the outbox lists it. */
export function outboxMessage(n: OutboxNotification, d: OutboxDelivery): OutboxMessage {
  return {
    id: d.id,
    channel: d.channel,
    to: d.to,
    kind: n.kind,
    ...(n.jurisdiction ? { jurisdiction: n.jurisdiction } : {}),
    locale: n.locale,
    vars: n.vars,
    ...(d.subject !== undefined ? { subject: d.subject } : {}),
    text: d.text,
    status: d.status,
    createdAt: n.createdAt,
    notBefore: n.leaseUntil && n.leaseUntil > d.notBefore ? n.leaseUntil : d.notBefore,
    ...(n.usefulUntil ? { usefulUntil: n.usefulUntil } : {}),
    ...(d.sentAt ? { sentAt: d.sentAt } : {}),
    attempts: d.attempts,
    version: n.version,
  };
}

export const outboxMessages = (n: OutboxNotification): OutboxMessage[] =>
  n.deliveries.map((d) => outboxMessage(n, d));

/**
 * An outbox item written one per message (before notifications) as a notification of one delivery. Written
 * leased to its first delivery, such a message carried that lease as its `notBefore`.
 */
export function notificationOfMessage(m: OutboxMessage): OutboxNotification {
  const firstLease = m.status === "pending" && m.version === 1 && m.attempts.length === 0;
  return {
    id: m.id,
    kind: m.kind,
    ...(m.jurisdiction ? { jurisdiction: m.jurisdiction } : {}),
    locale: m.locale,
    vars: m.vars,
    createdAt: m.createdAt,
    ...(m.usefulUntil ? { usefulUntil: m.usefulUntil } : {}),
    ...(firstLease ? { leaseUntil: m.notBefore } : {}),
    deliveries: [
      {
        id: m.id,
        channel: m.channel,
        to: m.to,
        ...(m.subject !== undefined ? { subject: m.subject } : {}),
        text: m.text,
        status: m.status,
        notBefore: firstLease ? m.createdAt : m.notBefore,
        ...(m.sentAt ? { sentAt: m.sentAt } : {}),
        attempts: m.attempts,
      },
    ],
    version: m.version,
  };
}
