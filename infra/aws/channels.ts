import { SESv2Client } from "@aws-sdk/client-sesv2";
import { SNSClient } from "@aws-sdk/client-sns";
import { aliyunSmsChannel } from "../../shared/notify/channels/aliyun-sms.js";
import { smtpChannel } from "../../shared/notify/channels/smtp.js";
import type { Channel, Channels } from "../../shared/ports/notifier.js";
import { channelClientConfig, sesChannel, snsSmsChannel } from "./adapters/channels.js";
import { ENV } from "./environment.js";
import { secretText } from "./secrets.js";

/** The delivery channels, for the notify function only (the others hand messages to its queue). */
const env = process.env;

function required(name: string): string {
  const value = env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

/** A channel built on first send, once its secret has been read. */
function fromSecret(arnVariable: string, build: (secret: string) => Channel): Channel {
  let channel: Promise<Channel> | undefined;
  return {
    send: async (m) => {
      channel ??= secretText(arnVariable).then(build);
      const ready = await channel.catch((error: unknown) => {
        channel = undefined;
        throw error;
      });
      await ready.send(m);
    },
  };
}

function emailChannel(): Channel {
  if (env[ENV.emailChannel] === "smtp") {
    return fromSecret(ENV.smtpSecretArn, (raw) => {
      const url = raw.trim().startsWith("{")
        ? String((JSON.parse(raw) as { SMTP_URL?: string }).SMTP_URL ?? "")
        : raw;
      return smtpChannel(url, env[ENV.emailFrom]);
    });
  }
  return sesChannel(new SESv2Client(channelClientConfig), required(ENV.emailFrom));
}

/** The domestic provider's secret: `{"accessKeyId": "…", "accessKeySecret": "…", "endpoint"?: "…"}`. */
export function aliyunFromSecret(raw: string): Channel {
  const secret = JSON.parse(raw) as { accessKeyId?: string; accessKeySecret?: string; endpoint?: string };
  if (!secret.accessKeyId || !secret.accessKeySecret) {
    throw new Error("the SMS secret needs accessKeyId and accessKeySecret");
  }
  return aliyunSmsChannel({
    accessKeyId: secret.accessKeyId,
    accessKeySecret: secret.accessKeySecret,
    ...(secret.endpoint ? { endpoint: secret.endpoint } : {}),
  });
}

function smsChannel(): Channel {
  if (env[ENV.smsChannel] === "domestic") return fromSecret(ENV.smsSecretArn, aliyunFromSecret);
  return snsSmsChannel(new SNSClient(channelClientConfig));
}

let channels: Channels | undefined;

export function awsChannels(): Channels {
  channels ??= { email: emailChannel(), sms: smsChannel() };
  return channels;
}
