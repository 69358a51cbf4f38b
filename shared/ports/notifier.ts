import type { OutboxMessage } from "../notify/message.js";

/** Hands committed outbox messages to delivery (in process locally, a queue on AWS). */
export interface Notifier {
  enqueue(ids: string[]): Promise<void>;
}

/** A delivery channel: email (SES, SMTP) or SMS (SNS, a domestic provider). */
export interface Channel {
  send(message: OutboxMessage): Promise<void>;
}

export type Channels = Record<OutboxMessage["channel"], Channel>;
