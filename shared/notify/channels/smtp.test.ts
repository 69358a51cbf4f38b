import { describe, expect, it } from "vitest";
import { smtpDeliveryError, smtpMessageId } from "./smtp.js";

describe("SMTP failures", () => {
  it.each([
    [{ code: "EENVELOPE", responseCode: 550, message: "550 5.1.1 no such user" }, true],
    [{ code: "EMESSAGE", responseCode: 554, message: "554 rejected" }, true],
    [{ code: "EENVELOPE", message: "No recipients defined" }, true],
    [{ code: "EENVELOPE", responseCode: 451, message: "451 4.7.1 try again later" }, false],
    [{ code: "EMESSAGE", responseCode: 421, message: "421 too many connections" }, false],
    [{ code: "ETIMEDOUT", message: "Timeout" }, false],
    [{ code: "ECONNECTION", message: "connect ECONNREFUSED" }, false],
  ])("%o is permanent: %s", (error, permanent) => {
    const mapped = smtpDeliveryError(Object.assign(new Error(error.message), error));
    expect(mapped.permanent).toBe(permanent);
    expect(mapped.message).toBe(error.message);
  });

  it("the Message-ID is the outbox id at the sender's domain", () => {
    expect(smtpMessageId("abc123", "民政局 <no-reply@mzj.sh.gov.cn>")).toBe("<abc123@mzj.sh.gov.cn>");
    expect(smtpMessageId("abc123", "no-reply@bureau.example")).toBe("<abc123@bureau.example>");
  });
});
