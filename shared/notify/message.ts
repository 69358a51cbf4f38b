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
