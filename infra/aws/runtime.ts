import { Logger } from "@aws-lambda-powertools/logger";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { SFNClient } from "@aws-sdk/client-sfn";
import { SQSClient } from "@aws-sdk/client-sqs";
import { discoveredKeys, type TrustedIssuer } from "../../functions/api/bearer-tokens.js";
import { cookieSessions, type WebOptions } from "../../functions/web/index.js";
import { maskIdNumbersIn } from "../../shared/domain/identifiers/index.js";
import { systemClock } from "../../shared/ports/clock.js";
import type { Channel, Channels } from "../../shared/ports/notifier.js";
import { DynamoStore } from "../../shared/store/dynamo-store.js";
import type { Deps } from "../../shared/usecases/support/deps.js";
import { sfnWorkflows } from "./adapters/sfn-workflows.js";
import { sqsNotifier } from "./adapters/sqs-notifier.js";
import { ENV } from "./environment.js";
import { secretText } from "./secrets.js";
import { deployedSettingsOnce } from "./settings.js";

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

/** Functions other than notify hand messages to the notify queue and never send themselves. */
const queueOnly: Channel = {
  async send() {
    throw new Error("messages are sent by the notify function; this function only queues them");
  },
};

let deps: Deps | undefined;

/**
 * Built once per container, after the settings are read; the notify function passes the real channels on
 * its first call.
 */
export async function awsDeps(options: { channels?: Channels } = {}): Promise<Deps> {
  await deployedSettingsOnce(env);
  if (deps) return deps;
  deps = {
    store: new DynamoStore(dynamo, required(ENV.tableName)),
    workflows: sfnWorkflows(sfn, env),
    clock: systemClock,
    notifier: sqsNotifier(sqs, required(ENV.notifyQueueUrl)),
    channels: options.channels ?? { email: queueOnly, sms: queueOnly },
    log: {
      info: (m, e) => logger.info(maskIdNumbersIn(m), maskIdNumbersIn(e ?? {})),
      warn: (m, e) => logger.warn(maskIdNumbersIn(m), maskIdNumbersIn(e ?? {})),
      error: (m, e) => logger.error(maskIdNumbersIn(m), maskIdNumbersIn(e ?? {})),
    },
  };
  return deps;
}

/**
 * The pages' options: sessions signed with the stack's session secret, and sign-in through the issuer
 * the API trusts, as the client and callback the stack names (no sign-in when it names none). A function
 * the stack gave no session secret serves no pages.
 */
export async function awsPages(trusted: TrustedIssuer): Promise<WebOptions | undefined> {
  if (!env[ENV.sessionSecretArn]) return undefined;
  const sessions = cookieSessions(await secretText(ENV.sessionSecretArn));
  const clientId = env[ENV.signInClientId];
  const redirectUri = env[ENV.signInRedirectUri];
  if (!clientId || !redirectUri) return { sessions };
  const clientSecret = env[ENV.signInClientSecretArn]
    ? await secretText(ENV.signInClientSecretArn)
    : undefined;
  return {
    sessions,
    signIn: {
      trusted,
      clientId,
      redirectUri,
      ...(clientSecret ? { clientSecret: clientSecret.trim() } : {}),
    },
  };
}

/** The identity provider whose tokens the api Lambda checks itself (a Cognito user pool or the bureau's OIDC issuer). */
export function awsTrustedIssuer(): TrustedIssuer {
  const issuer = required(ENV.oidcIssuer);
  const audience = required(ENV.oidcAudience)
    .split(",")
    .map((a) => a.trim())
    .filter((a) => a !== "");
  const nameClaim = env[ENV.oidcNameClaim];
  return { issuer, audience, keys: discoveredKeys(issuer), ...(nameClaim ? { nameClaim } : {}) };
}
