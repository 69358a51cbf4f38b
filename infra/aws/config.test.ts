import { describe, expect, it } from "vitest";
import { readDeployConfig, readDeploySettings } from "./config.js";

const read = (context: Record<string, string>) => readDeployConfig((key) => context[key], {});

describe("readDeployConfig", () => {
  it("defaults a global region to Cognito, SES and SNS", () => {
    expect(read({ region: "ap-southeast-1" })).toMatchObject({
      stage: "dev",
      china: false,
      auth: { mode: "cognito" },
      email: { channel: "ses" },
      sms: { channel: "sns" },
    });
  });

  it("defaults to us-east-1 without a region", () => {
    expect(read({}).region).toBe("us-east-1");
  });

  it("takes OIDC, SMTP and a domestic SMS provider in AWS China", () => {
    const config = read({
      region: "cn-northwest-1",
      stage: "prod",
      oidcIssuer: "https://id.example.gov.cn/realms/mca",
      oidcAudience: "socorg, socorg-admin",
    });
    expect(config).toEqual({
      stage: "prod",
      region: "cn-northwest-1",
      china: true,
      auth: {
        mode: "oidc",
        issuer: "https://id.example.gov.cn/realms/mca",
        audience: ["socorg", "socorg-admin"],
      },
      email: { channel: "smtp", secretName: "socorg/prod/smtp" },
      sms: { channel: "domestic", secretName: "socorg/prod/sms" },
    });
  });

  it("sends SMTP mail from the given address, else from the SMTP account's own", () => {
    const china = { region: "cn-north-1", oidcIssuer: "https://id.example.gov.cn", oidcAudience: "socorg" };
    expect(read(china).email).toEqual({ channel: "smtp", secretName: "socorg/dev/smtp" });
    expect(read({ ...china, emailFrom: "notice@mca.example.cn" }).email).toMatchObject({
      from: "notice@mca.example.cn",
    });
    expect(() => read({ ...china, emailFrom: "not-an-address" })).toThrow(/emailFrom/);
  });

  it("refuses what AWS China does not offer", () => {
    const china = { region: "cn-north-1", oidcIssuer: "https://id.example.gov.cn", oidcAudience: "socorg" };
    expect(() => read({ ...china, authMode: "cognito" })).toThrow(/Cognito/);
    expect(() => read({ ...china, emailChannel: "ses" })).toThrow(/SES/);
    expect(() => read({ ...china, smsChannel: "sns" })).toThrow(/SNS/);
  });

  it("needs an https issuer and an audience for OIDC", () => {
    expect(() => read({ authMode: "oidc", oidcAudience: "x" })).toThrow(/oidcIssuer/);
    expect(() => read({ authMode: "oidc", oidcIssuer: "http://id.example.com", oidcAudience: "x" })).toThrow(
      /oidcIssuer/,
    );
    expect(() => read({ authMode: "oidc", oidcIssuer: "https://id.example.com" })).toThrow(/oidcAudience/);
  });

  it("signs the pages in only where a callback is configured, as the pool's client or the issuer's", () => {
    expect(read({}).signIn).toBeUndefined();
    expect(
      read({ stage: "prod", signInRedirectUri: "https://socorg.example.gov/sign-in/callback" }).signIn,
    ).toEqual({
      mode: "cognito",
      redirectUri: "https://socorg.example.gov/sign-in/callback",
      domainPrefix: "socorg-prod",
    });
    const china = {
      region: "cn-north-1",
      oidcIssuer: "https://id.example.gov.cn",
      oidcAudience: "socorg, admin",
    };
    const redirect = { signInRedirectUri: "https://socorg.example.gov.cn/sign-in/callback" };
    expect(read({ ...china, ...redirect }).signIn).toEqual({
      mode: "oidc",
      redirectUri: redirect.signInRedirectUri,
      clientId: "socorg",
    });
    expect(
      read({ ...china, ...redirect, oidcClientId: "socorg-web", oidcClientSecretName: "socorg/prod/web" })
        .signIn,
    ).toMatchObject({ clientId: "socorg-web", clientSecretName: "socorg/prod/web" });
    expect(() => read({ signInRedirectUri: "http://socorg.example.gov/sign-in/callback" })).toThrow(
      /signInRedirectUri/,
    );
    expect(() => read({ signInRedirectUri: "https://socorg.example.gov/callback" })).toThrow(
      /signInRedirectUri/,
    );
    expect(() => read({ ...redirect, cognitoDomainPrefix: "My_Pool" })).toThrow(/cognitoDomainPrefix/);
  });

  it("rejects unknown choices and unusable stage names", () => {
    expect(() => read({ emailChannel: "pigeon" })).toThrow(/emailChannel/);
    expect(() => read({ stage: "Prod_1" })).toThrow(/stage/);
  });
});

describe("readDeploySettings", () => {
  const files: Record<string, string> = {
    "good.json": '{ "310114": { "registration": { "supplementPeriodDays": 20 } } }',
    "bad.json": '{ "310114": { "registration": { "supplementPeriodDays": "twenty" } } }',
    "broken.json": '{ "310114": ',
  };
  const readFile = (path: string) => {
    const text = files[path];
    if (text === undefined) throw new Error("ENOENT: no such file");
    return text;
  };
  const settings = (file?: string) =>
    readDeploySettings((key) => (key === "settingsFile" ? file : undefined), readFile);

  it("is the national defaults without a file", () => {
    expect(settings()).toBe("{}");
  });

  it("is the file's JSON, checked by the settings schema", () => {
    expect(JSON.parse(settings("good.json"))).toEqual({
      "310114": { registration: { supplementPeriodDays: 20 } },
    });
  });

  it("fails the synth for a file the schema refuses, naming the field, or one that cannot be read", () => {
    expect(() => settings("bad.json")).toThrow(/supplementPeriodDays/);
    expect(() => settings("broken.json")).toThrow(/not valid JSON/);
    expect(() => settings("missing.json")).toThrow(/missing\.json/);
  });
});
