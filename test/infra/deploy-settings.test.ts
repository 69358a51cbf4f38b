import { readFileSync } from "node:fs";
import { AwsSolutionsChecks } from "cdk-nag";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoPath } from "../../infra/aws/paths.js";
import { parseSettingsText } from "../../shared/settings/index.js";
import { environmentOf, resourcesOfType, type Synthesized, synthesize } from "./synth.js";

const SETTINGS_FILE = "test/infra/fixtures/settings-310114.json";
const NORTHWEST = {
  stage: "test",
  region: "cn-northwest-1",
  authMode: "oidc",
  oidcIssuer: "https://id.sh.example.gov.cn",
  oidcAudience: "socorg",
  oidcNameClaim: "xm",
  emailChannel: "smtp",
  smsChannel: "domestic",
  settingsFile: repoPath(SETTINGS_FILE),
} as const;

let synth: Synthesized;

beforeAll(() => {
  synth = synthesize(NORTHWEST, { bundle: false });
});
afterAll(() => synth?.dispose());

const FUNCTIONS = ["api", "sweep", "notify"].map((f) => `socorg-test-${f}`);

describe("cn-northwest-1 with OIDC, SMTP, Alibaba SMS and a settings file", () => {
  it("creates no Cognito resource and names no partition literally", () => {
    const resources = Object.values(synth.template.toJSON().Resources as Record<string, { Type: string }>);
    expect(resources.filter((r) => r.Type.startsWith("AWS::Cognito::"))).toEqual([]);
    expect(JSON.stringify(synth.template.toJSON())).not.toContain("arn:aws:");
  });

  it("carries the settings file, as the schema reads it, in one SSM parameter", () => {
    const [parameter, ...others] = Object.values(resourcesOfType(synth.template, "AWS::SSM::Parameter"));
    expect(others).toEqual([]);
    expect(parameter?.Properties).toMatchObject({
      Name: "/socorg/test/settings",
      Type: "String",
      Tier: "Standard",
    });
    const deployed = parseSettingsText(String(parameter?.Properties.Value), "the parameter");
    expect(deployed).toEqual(parseSettingsText(readFileSync(repoPath(SETTINGS_FILE), "utf8"), "the file"));
  });

  it("tells every function where the settings are, and lets it read that parameter alone", () => {
    for (const fn of FUNCTIONS) {
      expect(environmentOf(synth.template, fn)).toMatchObject({
        SETTINGS_PARAMETER: "/socorg/test/settings",
      });
    }
    const reads = Object.values(resourcesOfType(synth.template, "AWS::IAM::Policy")).flatMap((p) =>
      (
        p.Properties.PolicyDocument as { Statement: { Action: string | string[]; Resource: unknown }[] }
      ).Statement.filter((s) => [s.Action].flat().some((a) => a.startsWith("ssm:"))),
    );
    expect(reads.length).toBeGreaterThanOrEqual(FUNCTIONS.length);
    const [settingsId] = Object.keys(resourcesOfType(synth.template, "AWS::SSM::Parameter"));
    for (const statement of reads) {
      expect(JSON.stringify(statement.Resource)).toContain(`:parameter",{"Ref":"${settingsId}"}`);
    }
  });

  it("has the api function check tokens of the bureau's issuer itself, with its name claim", () => {
    expect(environmentOf(synth.template, "socorg-test-api")).toMatchObject({
      OIDC_ISSUER: NORTHWEST.oidcIssuer,
      OIDC_AUDIENCE: "socorg",
      OIDC_NAME_CLAIM: "xm",
    });
    expect(environmentOf(synth.template, "socorg-test-notify")).toMatchObject({
      EMAIL_CHANNEL: "smtp",
      SMS_CHANNEL: "domestic",
    });
  });

  it("is clean under cdk-nag's AWS Solutions checks", () => {
    const open = new AwsSolutionsChecks()
      .validateScope(synth.app)
      .violations.filter((v) => v.severity === "error" || v.severity === "warning")
      .map((v) => v.ruleName);
    expect(open).toEqual([]);
  });
});

describe("a settings file the schema refuses", () => {
  it("fails the synth, naming the field", () => {
    expect(() =>
      synthesize(
        { ...NORTHWEST, settingsFile: repoPath("test/infra/fixtures/settings-bad.json") },
        { bundle: false },
      ),
    ).toThrow(/supplementPeriodDays/);
  });
});
