import DysmsapiModule, { SendSmsRequest } from "@alicloud/dysmsapi20170525";
import { type Channel, DeliveryError } from "../../ports/notifier.js";
import { type JurisdictionSettings, settingsFor } from "../../settings/index.js";
import type { OutboxMessage } from "../message.js";
import { CHANNEL_TIMEOUTS, type ChannelTimeouts } from "./timeouts.js";

export interface AliyunSmsOptions {
  accessKeyId: string;
  accessKeySecret: string;
  /** The provider's host (default `dysmsapi.aliyuncs.com`), with a port where it has one. */
  endpoint?: string;
  protocol?: "https" | "http";
  timeouts?: ChannelTimeouts;
}

/** Provider codes worth trying again later: flow control, and the provider's own trouble. */
const TEMPORARY_CODES =
  /^(isv\.BUSINESS_LIMIT_CONTROL|isv\.DAY_LIMIT_CONTROL|isv\.MONTH_LIMIT_CONTROL|Throttling(\..*)?|SignatureNonceUsed|isp\..*|ServiceUnavailable|InternalError)$/;

/** Throttling and the provider's faults are temporary; an unapproved template, a bad number or any other refusal is final. */
export function aliyunDeliveryError(code: string, message: string): DeliveryError {
  return new DeliveryError(`${code}: ${message}`, !TEMPORARY_CODES.test(code));
}

/** The approved template for a message's kind, its parameters filled from the message's variables. */
export function smsTemplateRequest(
  message: Pick<OutboxMessage, "id" | "kind" | "to" | "vars">,
  sms: JurisdictionSettings["domesticSms"],
): SendSmsRequest {
  const template = sms.templates[message.kind];
  if (!template || !sms.signName) {
    throw new DeliveryError(`no approved SMS template is set for "${message.kind}"`, true);
  }
  const params: Record<string, string> = {};
  for (const [param, variable] of Object.entries(template.params)) {
    const value = message.vars[variable];
    if (value === undefined) {
      throw new DeliveryError(
        `template ${template.code} needs "${variable}", which "${message.kind}" lacks`,
        true,
      );
    }
    params[param] = value;
  }
  return new SendSmsRequest({
    phoneNumbers: message.to.replace(/^\+86/, ""),
    signName: sms.signName,
    templateCode: template.code,
    templateParam: JSON.stringify(params),
    // The outbox id rides along, so a delivery receipt names the message it belongs to.
    outId: message.id,
  });
}

// The default import is the CommonJS exports object (as Node gives it), whose own default is the client.
const Dysmsapi: typeof DysmsapiModule.default =
  DysmsapiModule.default ?? (DysmsapiModule as unknown as typeof DysmsapiModule.default);

interface ProviderFailure {
  code?: string;
  message?: string;
  statusCode?: number;
  data?: { Code?: string; Message?: string };
}

/** Mainland SMS through Alibaba Cloud SMS (dysmsapi 2017-05-25): a template code plus parameters, per jurisdiction. */
export function aliyunSmsChannel(options: AliyunSmsOptions): Channel {
  const timeouts = options.timeouts ?? CHANNEL_TIMEOUTS;
  const client = new Dysmsapi({
    accessKeyId: options.accessKeyId,
    accessKeySecret: options.accessKeySecret,
    endpoint: options.endpoint ?? "dysmsapi.aliyuncs.com",
    protocol: options.protocol ?? "https",
    connectTimeout: timeouts.connectMs,
    readTimeout: timeouts.requestMs,
  } as ConstructorParameters<typeof DysmsapiModule.default>[0]);
  return {
    async send(message) {
      const request = smsTemplateRequest(message, settingsFor(message.jurisdiction ?? "310000").domesticSms);
      let body: { code?: string; message?: string } | undefined;
      try {
        body = (await client.sendSms(request)).body;
      } catch (error) {
        const e = (error ?? {}) as ProviderFailure;
        const code = e.data?.Code ?? e.code;
        // No code from the provider: the request did not get through (a timeout, a dropped connection).
        if (!code || e.statusCode === undefined) throw new DeliveryError(String(e.message ?? error), false);
        throw aliyunDeliveryError(code, e.data?.Message ?? e.message ?? "");
      }
      if (body?.code !== "OK") throw aliyunDeliveryError(body?.code ?? "NoCode", body?.message ?? "");
    },
  };
}
