import type { OutboxMessage } from "../notify/message.js";

/** What delivery in process achieved; a queue hands messages on and reports nothing here. */
export interface DeliveryReport {
  sent: number;
  failed: number;
}

/** Hands committed outbox messages to delivery (in process locally, the notify queue on AWS). */
export interface Notifier {
  enqueue(ids: string[]): Promise<DeliveryReport>;
}

/** A delivery channel: email (SES, SMTP) or SMS (SNS, a domestic provider). */
export interface Channel {
  send(message: OutboxMessage): Promise<void>;
}

export type Channels = Record<OutboxMessage["channel"], Channel>;
