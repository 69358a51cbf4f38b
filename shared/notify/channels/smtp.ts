import nodemailer from "nodemailer";
import { type Channel, DeliveryError } from "../../ports/notifier.js";
import { CHANNEL_TIMEOUTS, type ChannelTimeouts } from "./timeouts.js";

interface SmtpFailure {
  code?: string;
  responseCode?: number;
  message?: string;
}

/** 5xx replies and an envelope the server can never take are permanent; 4xx, timeouts and dropped connections are not. */
export function smtpDeliveryError(error: unknown): DeliveryError {
  const e = (error ?? {}) as SmtpFailure;
  const message = String(e.message ?? error);
  const permanent =
    (typeof e.responseCode === "number" && e.responseCode >= 500) ||
    (e.code === "EENVELOPE" && e.responseCode === undefined);
  return new DeliveryError(message, permanent);
}

/** The RFC 5322 Message-ID of an outbox message: the same on every attempt, so a receiving server can drop a repeat. */
export const smtpMessageId = (outboxId: string, from: string): string =>
  `<${outboxId}@${/@([^>\s]+)/.exec(from)?.[1] ?? "socorg.local"}>`;

/** Email through any SMTP server (a bureau's own, or where SES is not offered). */
export function smtpChannel(
  url: string,
  from = "socorg <no-reply@socorg.local>",
  timeouts: ChannelTimeouts = CHANNEL_TIMEOUTS,
): Channel {
  const transport = nodemailer.createTransport({
    url,
    connectionTimeout: timeouts.connectMs,
    greetingTimeout: timeouts.connectMs,
    socketTimeout: timeouts.requestMs,
    dnsTimeout: timeouts.connectMs,
  });
  return {
    async send(message) {
      try {
        await transport.sendMail({
          from,
          to: message.to,
          subject: message.subject ?? message.kind,
          text: message.text,
          messageId: smtpMessageId(message.id, from),
          headers: { "X-Socorg-Message-Id": message.id },
        });
      } catch (error) {
        throw smtpDeliveryError(error);
      }
    },
  };
}
