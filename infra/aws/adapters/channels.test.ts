import { BadRequestException, MessageRejected, TooManyRequestsException } from "@aws-sdk/client-sesv2";
import { InternalErrorException, InvalidParameterException, ThrottledException } from "@aws-sdk/client-sns";
import { describe, expect, it } from "vitest";
import { awsDeliveryError } from "./channels.js";

const meta = (httpStatusCode: number) => ({ $metadata: { httpStatusCode } });

describe("SES and SNS failures", () => {
  it.each([
    ["SES throttling", new TooManyRequestsException({ message: "slow down", ...meta(429) }), false],
    ["SNS throttling", new ThrottledException({ message: "rate exceeded", ...meta(400) }), false],
    ["SNS internal error", new InternalErrorException({ message: "oops", ...meta(500) }), false],
    ["an SDK timeout", Object.assign(new Error("socket hang up"), { name: "TimeoutError" }), false],
    [
      "SES rejects the message",
      new MessageRejected({ message: "Email address is not verified", ...meta(400) }),
      true,
    ],
    ["SES bad request", new BadRequestException({ message: "Illegal address", ...meta(400) }), true],
    [
      "SNS invalid number",
      new InvalidParameterException({ message: "Invalid parameter: PhoneNumber", ...meta(400) }),
      true,
    ],
  ])("%s is permanent: %s", (_name, error, permanent) => {
    expect(awsDeliveryError(error).permanent).toBe(permanent);
  });
});
