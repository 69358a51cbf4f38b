import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHINA_CONTEXT, environmentOf, resourcesOfType, type Synthesized, synthesize } from "./synth.js";

let synth: Synthesized;

beforeAll(() => {
  synth = synthesize(CHINA_CONTEXT, { bundle: false });
});
afterAll(() => synth?.dispose());

const allActions = () =>
  Object.values(resourcesOfType(synth.template, "AWS::IAM::Policy")).flatMap((p) =>
    (p.Properties.PolicyDocument as { Statement: { Action: string | string[] }[] }).Statement.flatMap((s) =>
      [s.Action].flat(),
    ),
  );

describe("stack for an AWS China region (cn-north-1)", () => {
  it("creates no Cognito resource", () => {
    const types = Object.values(synth.template.toJSON().Resources as Record<string, { Type: string }>).map(
      (r) => r.Type,
    );
    expect(types.filter((t) => t.startsWith("AWS::Cognito::"))).toEqual([]);
  });

  it("names no partition literally: every ARN is arn:${AWS::Partition}", () => {
    expect(JSON.stringify(synth.template.toJSON())).not.toContain("arn:aws:");
  });

  it("trusts the bureau's OIDC issuer and audience", () => {
    synth.template.hasResourceProperties("AWS::ApiGatewayV2::Authorizer", {
      AuthorizerType: "JWT",
      JwtConfiguration: { Issuer: CHINA_CONTEXT.oidcIssuer, Audience: [CHINA_CONTEXT.oidcAudience] },
    });
  });

  it("signs the pages in at the bureau's issuer as its client, with no client secret unless one is named", () => {
    const env = environmentOf(synth.template, "socorg-test-api");
    expect(env.SIGN_IN_CLIENT_ID).toBe(CHINA_CONTEXT.oidcAudience);
    expect(env.SIGN_IN_REDIRECT_URI).toBe(CHINA_CONTEXT.signInRedirectUri);
    expect(env.SIGN_IN_CLIENT_SECRET_ARN).toBeUndefined();
    expect(env.SESSION_SECRET_ARN).toBeDefined();
  });

  it("sends no email through SES and no SMS through SNS", () => {
    const actions = allActions();
    expect(actions.filter((a) => a.startsWith("ses:"))).toEqual([]);
    expect(actions.filter((a) => a.startsWith("sns:"))).toEqual([]);
  });

  it("sends email by SMTP and SMS by a domestic provider, their credentials in Secrets Manager", () => {
    const env = environmentOf(synth.template, "socorg-test-notify");
    expect(env).toMatchObject({ EMAIL_CHANNEL: "smtp", SMS_CHANNEL: "domestic" });
    expect(JSON.stringify(env.SMTP_SECRET_ARN)).toContain(":secret:socorg/test/smtp");
    expect(JSON.stringify(env.SMS_SECRET_ARN)).toContain(":secret:socorg/test/sms");
    expect(allActions()).toContain("secretsmanager:GetSecretValue");
  });
});
