import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { freePort } from "../../infra/local/dynamodb-local.js";

export interface Received {
  to: string[];
  subject: string;
  text: string;
  /** The socorg outbox id header. */
  outboxId: string;
  /** The RFC 5322 Message-ID. */
  messageId: string;
}

export interface TestSmtpServer {
  url: string;
  received: Received[];
  stop(): Promise<void>;
}

/**
 * A real SMTP server on loopback. `answer` is asked after each message has been read: resolve to accept,
 * reject with an error carrying `responseCode` to refuse; it may take its time, to stall the sender.
 */
export async function startSmtpServer(
  answer: (n: number) => Promise<void> = async () => {},
): Promise<TestSmtpServer> {
  const port = await freePort();
  const received: Received[] = [];
  let deliveries = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, done) {
      simpleParser(stream)
        .then(async (mail) => {
          const n = ++deliveries;
          await answer(n);
          received.push({
            to: session.envelope.rcptTo.map((r) => r.address),
            subject: mail.subject ?? "",
            text: mail.text ?? "",
            outboxId: String(mail.headers.get("x-socorg-message-id") ?? ""),
            messageId: mail.messageId ?? "",
          });
          done();
        })
        .catch(done);
    },
  });
  await new Promise<void>((ok) => server.listen(port, "127.0.0.1", ok));
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    stop: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

/** An SMTP refusal as smtp-server sends it. */
export const smtpRefusal = (responseCode: number, message: string): Error =>
  Object.assign(new Error(message), { responseCode });
