import { afterAll, beforeAll, expect, it } from "vitest";
import { application, type Harness, startHarness } from "./harness.js";
import { type Received, startSmtpServer, type TestSmtpServer } from "./smtp-server.js";

let server: TestSmtpServer;
let h: Harness;

beforeAll(async () => {
  server = await startSmtpServer();
  h = await startHarness({ smtpUrl: server.url });
});

afterAll(async () => {
  await h.stop();
  await server.stop();
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

  expect(server.received).toHaveLength(1);
  const mail = server.received[0] as Received;
  expect(mail.to).toEqual(["founder@smtp.example.org"]);
  expect(mail.subject).toBe("成立登记申请已收到：上海市嘉定区阳光社区服务中心");
  expect(mail.text).toContain(created.body.caseId);
  const outbox = await h.call<{ items: { id: string; channel: string; status: string }[] }>(
    "GET",
    "/outbox?to=founder@smtp.example.org",
  );
  expect(outbox.body.items).toEqual([expect.objectContaining({ channel: "email", status: "sent" })]);
  expect(mail.outboxId).toBe(outbox.body.items[0]?.id);
  expect(mail.messageId).toBe(`<${outbox.body.items[0]?.id}@socorg.local>`);
});
