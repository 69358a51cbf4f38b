import { GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { SESv2Client } from "@aws-sdk/client-sesv2";
import { SNSClient } from "@aws-sdk/client-sns";
import { smtpChannel } from "../../shared/notify/channels/smtp.js";
import type { Channel, Channels } from "../../shared/ports/notifier.js";
import { channelClientConfig, sesChannel, snsSmsChannel } from "./adapters/channels.js";
import { ENV } from "./environment.js";

/** The delivery channels, for the notify function only (the others hand messages to its queue). */
const env = process.env;

function required(name: string): string {
  const value = env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

let smtpUrl: Promise<string> | undefined;
async function smtpFromSecret(): Promise<string> {
  smtpUrl ??= new SecretsManagerClient({})
    .send(new GetSecretValueCommand({ SecretId: required(ENV.smtpSecretArn) }))
    .then((out) => {
      const raw = out.SecretString ?? "";
      return raw.trim().startsWith("{")
        ? String((JSON.parse(raw) as { SMTP_URL?: string }).SMTP_URL ?? "")
        : raw;
    });
  return smtpUrl;
}

function emailChannel(): Channel {
  if (env[ENV.emailChannel] === "smtp") {
    let smtp: Promise<Channel> | undefined;
    return {
      send: async (m) => {
        smtp ??= smtpFromSecret().then((url) => smtpChannel(url, env[ENV.emailFrom]));
        await (await smtp).send(m);
      },
    };
  }
  return sesChannel(new SESv2Client(channelClientConfig), required(ENV.emailFrom));
}

function smsChannel(): Channel {
  if (env[ENV.smsChannel] === "domestic") {
    return {
      async send() {
        throw new Error("no domestic SMS provider is configured for this deployment");
      },
    };
  }
  return snsSmsChannel(new SNSClient(channelClientConfig));
}

let channels: Channels | undefined;

export function awsChannels(): Channels {
  channels ??= { email: emailChannel(), sms: smsChannel() };
  return channels;
}
