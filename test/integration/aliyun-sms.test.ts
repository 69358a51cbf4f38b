import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { aliyunSmsChannel } from "../../shared/notify/channels/aliyun-sms.js";
import { type SmsStandIn, startSmsStandIn } from "./aliyun-sms-stand-in.js";
import { application, type Harness, startHarness } from "./harness.js";

const KEY_ID = "LTAI5tStandInKey";
const SECRET = "stand-in-secret";
const THROTTLED = "13900000002";
const NOT_APPROVED = "13900000003";

let provider: SmsStandIn;
let h: Harness;

beforeAll(async () => {
  provider = await startSmsStandIn({ [KEY_ID]: SECRET }, (request, nth) => {
    if (request.phoneNumbers === THROTTLED && nth === 1) return "isv.BUSINESS_LIMIT_CONTROL";
    if (request.phoneNumbers === NOT_APPROVED) return "isv.SMS_TEMPLATE_ILLEGAL";
    return "OK";
  });
  h = await startHarness({
    now: "2025-03-03T09:00:00+08:00",
    settings: {
      "310114": {
        domesticSms: {
          signName: "嘉定区民政局",
          templates: {
            registration_submitted: { code: "SMS_465800001", params: { name: "orgName", date: "dueDate" } },
          },
        },
      },
    },
    channels: {
      sms: aliyunSmsChannel({
        accessKeyId: KEY_ID,
        accessKeySecret: SECRET,
        endpoint: provider.endpoint,
        protocol: "http",
      }),
    },
  });
});
afterAll(async () => {
  await h.stop();
  await provider.stop();
});

type Outbox = { items: { id: string; status: string; attempts: number }[] };
const sms = async (phone: string) => (await h.call<Outbox>("GET", `/outbox?to=${phone}`)).body.items;
const apply = async (sub: string, phone: string) => {
  const res = await h.call<{ caseId: string }>("POST", "/registrations", {
    token: await h.token({ role: "org", sub }),
    body: application({ contact: { email: `${sub}@example.org`, phone } }),
  });
  expect(res.status).toBe(201);
  return res.body.caseId;
};
const later = (ms: number) =>
  h.call("POST", "/admin/clock", {
    body: { now: new Date(h.runtime.clock.now().getTime() + ms).toISOString() },
  });

describe("Alibaba Cloud SMS behind the channel port", () => {
  it("sends the jurisdiction's approved template with the message's variables, signed, once", async () => {
    await apply("sms-ok", "13900000001");
    const [message] = await sms("13900000001");
    expect(message).toMatchObject({ status: "sent", attempts: 1 });
    const sent = provider.requests.filter((r) => r.phoneNumbers === "13900000001");
    expect(sent).toEqual([
      {
        phoneNumbers: "13900000001",
        signName: "嘉定区民政局",
        templateCode: "SMS_465800001",
        templateParam: {
          name: "上海市嘉定区阳光社区服务中心",
          date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        },
        outId: message?.id,
      },
    ]);
    await h.call("POST", "/admin/sweep");
    expect(provider.requests.filter((r) => r.phoneNumbers === "13900000001")).toHaveLength(1);
    expect(provider.badSignatures).toBe(0);
  });

  it("a throttled send is retried through the outbox and goes once", async () => {
    await apply("sms-throttled", THROTTLED);
    expect(await sms(THROTTLED)).toEqual([expect.objectContaining({ status: "pending", attempts: 1 })]);
    await later(2 * 60_000);
    await Promise.all([h.call("POST", "/admin/sweep"), h.call("POST", "/admin/sweep")]);
    expect(await sms(THROTTLED)).toEqual([expect.objectContaining({ status: "sent", attempts: 2 })]);
    expect(provider.requests.filter((r) => r.phoneNumbers === THROTTLED)).toHaveLength(2);
  });

  it("a template the provider has not approved fails once, at once, and raises its alert", async () => {
    await apply("sms-unapproved", NOT_APPROVED);
    expect(await sms(NOT_APPROVED)).toEqual([expect.objectContaining({ status: "failed", attempts: 1 })]);
    for (const minutes of [2, 10, 60]) {
      await later(minutes * 60_000);
      await h.call("POST", "/admin/sweep");
    }
    expect(provider.requests.filter((r) => r.phoneNumbers === NOT_APPROVED)).toHaveLength(1);
    const officer = await h.token({ role: "regulator", sub: "officer-1", jurisdiction: "310114" });
    const alerts = await h.call<{ items: { rule: string; explanation: string }[] }>(
      "GET",
      "/alerts?status=open",
      {
        token: officer,
      },
    );
    const failed = alerts.body.items.filter((a) => a.rule === "delivery_failed");
    expect(failed).toHaveLength(1);
    expect(failed[0]?.explanation).toContain("isv.SMS_TEMPLATE_ILLEGAL");
    expect(failed[0]?.explanation).not.toContain(NOT_APPROVED);
  });

  it("the stand-in refuses a request signed with the wrong secret, and the channel takes that as final", async () => {
    const wrong = aliyunSmsChannel({
      accessKeyId: KEY_ID,
      accessKeySecret: "not-the-secret",
      endpoint: provider.endpoint,
      protocol: "http",
    });
    const [message] = await sms("13900000001");
    const stored = await h.runtime.deps.store.getOutbox(message?.id ?? "");
    await expect(wrong.send(stored as NonNullable<typeof stored>)).rejects.toMatchObject({
      permanent: true,
      message: expect.stringContaining("SignatureDoesNotMatch"),
    });
    expect(provider.badSignatures).toBe(1);
  });
});
