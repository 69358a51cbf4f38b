/**
 * The environment the CDK stack hands every Lambda, and the wiring module (runtime.ts) reads.
 * Plain strings only: this module is bundled into Lambdas, so it imports nothing from aws-cdk-lib.
 */
export const ENV = {
  tableName: "TABLE_NAME",
  stage: "STAGE",
  notifyQueueUrl: "NOTIFY_QUEUE_URL",
  /** "ses" | "smtp" */
  emailChannel: "EMAIL_CHANNEL",
  /** "sns" | "domestic" */
  smsChannel: "SMS_CHANNEL",
  /** SES sender address (email channel ses, notify Lambda only). */
  emailFrom: "EMAIL_FROM",
  /** Secrets Manager secret (partial ARN, by name) holding SMTP_URL (email channel smtp, notify Lambda only). */
  smtpSecretArn: "SMTP_SECRET_ARN",
  /** Secrets Manager secret (partial ARN, by name) of the domestic SMS provider (notify Lambda only). */
  smsSecretArn: "SMS_SECRET_ARN",
  /** The SSM parameter holding the jurisdiction settings as JSON, read at init. */
  settingsParameter: "SETTINGS_PARAMETER",
  /** A digest of the deployed settings: a change of settings starts fresh function instances. */
  settingsDigest: "SETTINGS_DIGEST",
  /** "cognito" | "oidc" (api Lambda only). */
  authMode: "AUTH_MODE",
  /** The issuer whose tokens the api Lambda verifies against its JWKS (api Lambda only). */
  oidcIssuer: "OIDC_ISSUER",
  /** The audiences accepted, comma-separated (api Lambda only). */
  oidcAudience: "OIDC_AUDIENCE",
  /** The claim that carries the user's name (api Lambda only; `name` when unset). */
  oidcNameClaim: "OIDC_NAME_CLAIM",
  /** Secrets Manager secret (partial ARN) of the key that signs the pages' session cookies (api Lambda only). */
  sessionSecretArn: "SESSION_SECRET_ARN",
  /** The pages' client id at the issuer; unset, the pages offer no sign-in (api Lambda only). */
  signInClientId: "SIGN_IN_CLIENT_ID",
  /** The pages' sign-in callback as registered at the issuer (api Lambda only). */
  signInRedirectUri: "SIGN_IN_REDIRECT_URI",
  /** Secrets Manager secret holding the pages' client secret, where the issuer wants one (api Lambda only). */
  signInClientSecretArn: "SIGN_IN_CLIENT_SECRET_ARN",
} as const;

/** `STATE_MACHINE_ARN_<NAME>`: registration → STATE_MACHINE_ARN_REGISTRATION, annualInspection → …_ANNUAL_INSPECTION. */
export const stateMachineArnVariable = (workflow: string): string =>
  `STATE_MACHINE_ARN_${workflow
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/[^A-Za-z0-9]+/g, "_")
    .toUpperCase()}`;
