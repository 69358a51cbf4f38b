import { Logger } from "@aws-lambda-powertools/logger";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { SESv2Client } from "@aws-sdk/client-sesv2";
import { SFNClient } from "@aws-sdk/client-sfn";
import { SNSClient } from "@aws-sdk/client-sns";
import { SQSClient } from "@aws-sdk/client-sqs";
import { maskIdNumbersIn } from "../../shared/domain/identifiers/index.js";
import { smtpChannel } from "../../shared/notify/channels/smtp.js";
import { systemClock } from "../../shared/ports/clock.js";
import type { Channel } from "../../shared/ports/notifier.js";
import { loadSettingsFromEnv } from "../../shared/settings/index.js";
import { DynamoStore } from "../../shared/store/dynamo-store.js";
import type { Deps } from "../../shared/usecases/deps.js";
import { sesChannel, snsSmsChannel } from "./adapters/channels.js";
import { sfnWorkflows } from "./adapters/sfn-workflows.js";
import { sqsNotifier } from "./adapters/sqs-notifier.js";
import { ENV } from "./environment.js";

/** The AWS runtime's one wiring module: every Lambda entry takes its adapters from here. */
const env = process.env;
const dynamo = new DynamoDBClient({});
const sfn = new SFNClient({});
const sqs = new SQSClient({});
const logger = new Logger({ serviceName: "socorg" });

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
    return { send: async (m) => smtpChannel(await smtpFromSecret(), env[ENV.emailFrom]).send(m) };
  }
  return sesChannel(new SESv2Client({}), required(ENV.emailFrom));
}

function smsChannel(): Channel {
  if (env[ENV.smsChannel] === "domestic") {
    return {
      async send() {
        throw new Error("no domestic SMS provider is configured for this deployment");
      },
    };
  }
  return snsSmsChannel(new SNSClient({}));
}

let deps: Deps | undefined;

export function awsDeps(): Deps {
  if (deps) return deps;
  loadSettingsFromEnv(env);
  deps = {
    store: new DynamoStore(dynamo, required(ENV.tableName)),
    workflows: sfnWorkflows(sfn, env),
    clock: systemClock,
    notifier: sqsNotifier(sqs, required(ENV.notifyQueueUrl)),
    channels: { email: emailChannel(), sms: smsChannel() },
    log: {
      info: (m, e) => logger.info(maskIdNumbersIn(m), maskIdNumbersIn(e ?? {})),
      warn: (m, e) => logger.warn(maskIdNumbersIn(m), maskIdNumbersIn(e ?? {})),
      error: (m, e) => logger.error(maskIdNumbersIn(m), maskIdNumbersIn(e ?? {})),
    },
  };
  return deps;
}
