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

/**
 * A delivery channel: email (SES, SMTP) or SMS (SNS, a domestic provider). A send that can never succeed
 * throws a permanent DeliveryError; anything else it throws is temporary and is tried again.
 */
export interface Channel {
  send(message: OutboxMessage): Promise<void>;
}

/** A channel's refusal, told apart as temporary (4xx, throttling, a timeout) or permanent (5xx, a bad address). */
export class DeliveryError extends Error {
  override name = "DeliveryError";
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
  }
}

export const isPermanentFailure = (error: unknown): boolean =>
  error instanceof DeliveryError && error.permanent;

export type Channels = Record<OutboxMessage["channel"], Channel>;
