/**
 * Deployment settings of the AWS runtime, read from CDK context (`-c key=value` or cdk.json).
 *
 * Context keys:
 * - stage          deployment name, part of every resource name (default "dev")
 * - region         target region (default CDK_DEFAULT_REGION, else "us-east-1"); "cn-" regions are AWS China
 * - authMode       "cognito" (default in global regions) | "oidc" (the only choice in China)
 * - oidcIssuer     the bureau's OIDC issuer URL (authMode oidc)
 * - oidcAudience   accepted audiences, comma-separated (authMode oidc)
 * - oidcNameClaim  the claim that carries the user's name (authMode oidc; default `name`)
 * - signInRedirectUri   the pages' sign-in callback, https://…/sign-in/callback, as registered at the
 *                  provider; unset, the deployed pages offer no sign-in (the public lookup still works)
 * - oidcClientId   the pages' client id at the OIDC issuer (authMode oidc; default the first oidcAudience)
 * - oidcClientSecretName  Secrets Manager secret holding that client's secret, for an issuer that wants
 *                  one (authMode oidc; default none: a public client, proved by PKCE)
 * - cognitoDomainPrefix   the hosted UI's domain prefix (authMode cognito; default socorg-<stage>)
 * - emailChannel   "ses" (default in global regions) | "smtp" (default and only choice in China)
 * - emailFrom      sender address (SES default no-reply@socorg.example; SMTP default: the SMTP account's)
 * - smtpSecretName Secrets Manager secret holding SMTP_URL (default socorg/<stage>/smtp)
 * - smsChannel     "sns" (default in global regions) | "domestic" (default and only choice in China)
 * - smsSecretName  Secrets Manager secret of the domestic SMS provider (default socorg/<stage>/sms)
 * - alarmEmail     optional address subscribed to the alarm topic
 * - settingsFile   a JSON file of jurisdiction settings for the deployed SSM parameter (default: none,
 *                  the national defaults); validated at synth by the settings schema
 */
export type AuthConfig =
  | { mode: "cognito" }
  | { mode: "oidc"; issuer: string; audience: readonly string[]; nameClaim?: string };

/** How the deployed pages sign in: the callback registered at the provider, and the client they sign in as. */
export type SignInConfig = { redirectUri: string } & (
  | { mode: "cognito"; domainPrefix: string }
  | { mode: "oidc"; clientId: string; clientSecretName?: string }
);

export type EmailConfig =
  | { channel: "ses"; from: string }
  | { channel: "smtp"; secretName: string; from?: string };

export type SmsConfig = { channel: "sns" } | { channel: "domestic"; secretName: string };

export interface DeployConfig {
  stage: string;
  region: string;
  /** AWS China (partition aws-cn): no Cognito user pools, no SES, no SNS SMS. */
  china: boolean;
  auth: AuthConfig;
  /** The pages' sign-in; absent when no callback is configured. */
  signIn?: SignInConfig;
  email: EmailConfig;
  sms: SmsConfig;
  alarmEmail?: string;
}

import { parseSettingsText } from "../../shared/settings/index.js";

/** Reads one context value; CDK hands `-c` values over as strings and cdk.json values as JSON. */
export type ContextReader = (key: string) => unknown;

export const isChinaRegion = (region: string): boolean => region.startsWith("cn-");

/**
 * The jurisdiction settings a deploy carries, as the JSON text of the file `settingsFile` names (relative
 * to the working directory), checked by the same schema the functions use: a bad file fails the synth.
 */
export function readDeploySettings(context: ContextReader, read: (path: string) => string): string {
  const file = context("settingsFile");
  if (file === undefined || file === null || file === "") return "{}";
  if (typeof file !== "string")
    throw new Error(`context settingsFile must be a path, got ${JSON.stringify(file)}`);
  let text: string;
  try {
    text = read(file);
  } catch (error) {
    throw new Error(`context settingsFile: cannot read ${file}: ${(error as Error).message}`);
  }
  parseSettingsText(text, `settings file ${file}`);
  // Minified as written: what the functions read is what the file says.
  return JSON.stringify(JSON.parse(text));
}

export function readDeployConfig(context: ContextReader, env: NodeJS.ProcessEnv = process.env): DeployConfig {
  const text = (key: string): string | undefined => {
    const value = context(key);
    if (value === undefined || value === null || value === "") return undefined;
    if (typeof value !== "string")
      throw new Error(`context ${key} must be a string, got ${JSON.stringify(value)}`);
    return value.trim();
  };
  const choice = <T extends string>(key: string, allowed: readonly T[], fallback: T): T => {
    const value = text(key) ?? fallback;
    if (!(allowed as readonly string[]).includes(value)) {
      throw new Error(`context ${key} must be one of ${allowed.join(", ")}, got "${value}"`);
    }
    return value as T;
  };

  const stage = text("stage") ?? "dev";
  if (!/^[a-z][a-z0-9-]{0,15}$/.test(stage)) {
    throw new Error(
      `context stage must be lowercase letters, digits and dashes (at most 16), got "${stage}"`,
    );
  }
  const region = text("region") ?? env.CDK_DEFAULT_REGION ?? "us-east-1";
  const china = isChinaRegion(region);

  const authMode = choice("authMode", ["cognito", "oidc"], china ? "oidc" : "cognito");
  let auth: AuthConfig;
  if (authMode === "cognito") {
    if (china) throw new Error(`Cognito user pools are not offered in ${region}: use -c authMode=oidc`);
    auth = { mode: "cognito" };
  } else {
    const issuer = text("oidcIssuer");
    const audience = (text("oidcAudience") ?? "")
      .split(",")
      .map((a) => a.trim())
      .filter((a) => a.length > 0);
    if (!issuer || !/^https:\/\/[^\s/]+/.test(issuer)) {
      throw new Error("authMode oidc needs -c oidcIssuer=https://… (the bureau's OIDC issuer)");
    }
    if (audience.length === 0)
      throw new Error("authMode oidc needs -c oidcAudience=<client id>[,<client id>…]");
    const nameClaim = text("oidcNameClaim");
    auth = { mode: "oidc", issuer, audience, ...(nameClaim ? { nameClaim } : {}) };
  }

  let signIn: SignInConfig | undefined;
  const redirectUri = text("signInRedirectUri");
  if (redirectUri !== undefined) {
    if (!/^https:\/\/[^\s/]+(\/[^\s?#]*)?\/sign-in\/callback$/.test(redirectUri)) {
      throw new Error(
        `context signInRedirectUri must be https://<host>/…/sign-in/callback, got "${redirectUri}"`,
      );
    }
    if (auth.mode === "cognito") {
      const domainPrefix = text("cognitoDomainPrefix") ?? `socorg-${stage}`;
      if (
        !/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(domainPrefix) ||
        /aws|amazon|cognito/.test(domainPrefix)
      ) {
        throw new Error(
          `context cognitoDomainPrefix must be lowercase letters, digits and dashes, got "${domainPrefix}"`,
        );
      }
      signIn = { mode: "cognito", redirectUri, domainPrefix };
    } else {
      const clientSecretName = text("oidcClientSecretName");
      signIn = {
        mode: "oidc",
        redirectUri,
        clientId: text("oidcClientId") ?? (auth.audience[0] as string),
        ...(clientSecretName ? { clientSecretName } : {}),
      };
    }
  }

  const emailChannel = choice("emailChannel", ["ses", "smtp"], china ? "smtp" : "ses");
  if (china && emailChannel === "ses")
    throw new Error(`SES is not offered in ${region}: use -c emailChannel=smtp`);
  const emailFrom = text("emailFrom");
  if (emailFrom !== undefined && !/^[^@\s]+@[^@\s]+$/.test(emailFrom)) {
    throw new Error(`context emailFrom must be an email address, got "${emailFrom}"`);
  }
  const email: EmailConfig =
    emailChannel === "ses"
      ? { channel: "ses", from: emailFrom ?? "no-reply@socorg.example" }
      : {
          channel: "smtp",
          secretName: text("smtpSecretName") ?? `socorg/${stage}/smtp`,
          ...(emailFrom ? { from: emailFrom } : {}),
        };

  const smsChannel = choice("smsChannel", ["sns", "domestic"], china ? "domestic" : "sns");
  if (china && smsChannel === "sns")
    throw new Error(`SNS SMS is not offered in ${region}: use -c smsChannel=domestic`);
  const sms: SmsConfig =
    smsChannel === "sns"
      ? { channel: "sns" }
      : { channel: "domestic", secretName: text("smsSecretName") ?? `socorg/${stage}/sms` };

  const alarmEmail = text("alarmEmail");
  return {
    stage,
    region,
    china,
    auth,
    ...(signIn ? { signIn } : {}),
    email,
    sms,
    ...(alarmEmail ? { alarmEmail } : {}),
  };
}
