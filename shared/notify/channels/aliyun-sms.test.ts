import { describe, expect, it } from "vitest";
import { aliyunDeliveryError, smsTemplateRequest } from "./aliyun-sms.js";

const sms = {
  signName: "嘉定区民政局",
  templates: {
    reminder_annual_report: { code: "SMS_465800002", params: { name: "orgName", date: "dueDate" } },
  },
};
const message = {
  id: "m-1",
  kind: "reminder_annual_report",
  to: "+8613900000001",
  vars: { orgName: "上海市嘉定区物流行业协会", dueDate: "2025-05-31", link: "https://portal.example" },
};

describe("Alibaba Cloud SMS requests and errors", () => {
  it("a kind maps to its template code; parameters come from the message's variables, nothing else", () => {
    const request = smsTemplateRequest(message, sms);
    expect(request).toMatchObject({
      phoneNumbers: "13900000001",
      signName: "嘉定区民政局",
      templateCode: "SMS_465800002",
      outId: "m-1",
    });
    expect(JSON.parse(request.templateParam ?? "")).toEqual({
      name: "上海市嘉定区物流行业协会",
      date: "2025-05-31",
    });
  });

  it("a kind with no approved template, or a variable the template needs and the message lacks, is final", () => {
    expect(() => smsTemplateRequest({ ...message, kind: "registration_approved" }, sms)).toThrow(
      expect.objectContaining({ permanent: true }),
    );
    expect(() => smsTemplateRequest({ ...message, vars: { orgName: "x" } }, sms)).toThrow(
      expect.objectContaining({ permanent: true, message: expect.stringContaining("dueDate") }),
    );
    expect(() => smsTemplateRequest(message, { ...sms, signName: "" })).toThrow(
      expect.objectContaining({ permanent: true }),
    );
  });

  it.each([
    ["isv.BUSINESS_LIMIT_CONTROL", false],
    ["isv.DAY_LIMIT_CONTROL", false],
    ["Throttling.User", false],
    ["isp.SYSTEM_ERROR", false],
    ["isv.SMS_TEMPLATE_ILLEGAL", true],
    ["isv.SMS_SIGNATURE_ILLEGAL", true],
    ["isv.MOBILE_NUMBER_ILLEGAL", true],
    ["isv.TEMPLATE_MISSING_PARAMETERS", true],
    ["SignatureDoesNotMatch", true],
  ])("%s is final: %s", (code, permanent) => {
    expect(aliyunDeliveryError(code, "x").permanent).toBe(permanent);
  });
});
