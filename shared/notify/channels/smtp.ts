import nodemailer from "nodemailer";
import type { Channel } from "../../ports/notifier.js";

/** Email through any SMTP server (a bureau's own, or where SES is not offered). */
export function smtpChannel(url: string, from = "socorg <no-reply@socorg.local>"): Channel {
  const transport = nodemailer.createTransport(url);
  return {
    async send(message) {
      await transport.sendMail({
        from,
        to: message.to,
        subject: message.subject ?? message.kind,
        text: message.text,
        headers: { "X-Socorg-Message-Id": message.id },
      });
    },
  };
}
