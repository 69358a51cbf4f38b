import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, expect, it } from "vitest";
import { freePort } from "../../infra/local/dynamodb-local.js";
import { application, type Harness, startHarness } from "./harness.js";

interface Received {
  to: string[];
  subject: string;
  text: string;
  messageId: string;
}

const received: Received[] = [];
let server: SMTPServer;
let h: Harness;

beforeAll(async () => {
  const port = await freePort();
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, done) {
      simpleParser(stream)
        .then((mail) => {
          received.push({
            to: session.envelope.rcptTo.map((r) => r.address),
            subject: mail.subject ?? "",
            text: mail.text ?? "",
            messageId: String(mail.headers.get("x-socorg-message-id") ?? ""),
          });
          done();
        })
        .catch(done);
    },
  });
  await new Promise<void>((ok) => server.listen(port, "127.0.0.1", ok));
  h = await startHarness({ smtpUrl: `smtp://127.0.0.1:${port}` });
});

afterAll(async () => {
  await h.stop();
  await new Promise<void>((ok) => server.close(() => ok()));
});

it("delivers email through a real SMTP server, once, and records it as sent", async () => {
  const token = await h.token({ role: "org", sub: "smtp-founder" });
  const created = await h.call<{ caseId: string }>("POST", "/registrations", {
    token,
    body: application({ contact: { email: "founder@smtp.example.org", phone: "13600000001" } }),
    headers: { "idempotency-key": "smtp-1" },
  });
  expect(created.status).toBe(201);
  await h.call("POST", "/registrations", {
    token,
    body: application({ contact: { email: "founder@smtp.example.org", phone: "13600000001" } }),
    headers: { "idempotency-key": "smtp-1" },
  });
  await h.call("POST", "/admin/sweep");

  expect(received).toHaveLength(1);
  const mail = received[0] as Received;
  expect(mail.to).toEqual(["founder@smtp.example.org"]);
  expect(mail.subject).toBe("成立登记申请已收到：上海市嘉定区阳光社区服务中心");
  expect(mail.text).toContain(created.body.caseId);
  const outbox = await h.call<{ items: { id: string; channel: string; status: string }[] }>(
    "GET",
    "/outbox?to=founder@smtp.example.org",
  );
  expect(outbox.body.items).toEqual([expect.objectContaining({ channel: "email", status: "sent" })]);
  expect(mail.messageId).toBe(outbox.body.items[0]?.id);
});
