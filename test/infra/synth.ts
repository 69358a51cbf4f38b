import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App } from "aws-cdk-lib";
import { Template } from "aws-cdk-lib/assertions";
import { buildApp } from "../../infra/aws/build-app.js";
import { repoPath } from "../../infra/aws/paths.js";
import type { SocorgStack } from "../../infra/aws/stack.js";

export interface Synthesized {
  app: App;
  stack: SocorgStack;
  template: Template;
  /** The cloud assembly directory (bundled Lambda code sits in its asset.* folders). */
  outdir: string;
  dispose(): void;
}

/** The context of cdk.json (feature flags included), so tests synthesize what `cdk synth` does. */
function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(repoPath("cdk.json"), "utf8")) as {
    context?: Record<string, unknown>;
  };
  return cdkJson.context ?? {};
}

/**
 * Builds the app as infra/aws/app.ts does, with `context` on top of cdk.json's, into a temporary
 * assembly directory. `bundle: false` skips esbuild (CDK's own bundling-stacks switch): the template
 * is the same but for asset hashes, so only the test that checks the bundles pays for them.
 */
export function synthesize(context: Record<string, unknown>, opts: { bundle: boolean }): Synthesized {
  const outdir = mkdtempSync(join(tmpdir(), "socorg-cdk-"));
  const app = new App({
    outdir,
    context: {
      ...cdkJsonContext(),
      ...context,
      ...(opts.bundle ? {} : { "aws:cdk:bundling-stacks": [] }),
    },
  });
  const stack = buildApp(app);
  const template = Template.fromStack(stack);
  return { app, stack, template, outdir, dispose: () => rmSync(outdir, { recursive: true, force: true }) };
}

export type Resources = Record<string, { Type: string; Properties: Record<string, unknown> }>;

/** Resources of one type, by logical id. */
export function resourcesOfType(template: Template, type: string): Resources {
  return template.findResources(type) as Resources;
}

export const GLOBAL_CONTEXT = {
  stage: "test",
  region: "us-east-1",
  signInRedirectUri: "https://socorg.example.gov/sign-in/callback",
} as const;

export const CHINA_CONTEXT = {
  stage: "test",
  region: "cn-north-1",
  authMode: "oidc",
  oidcIssuer: "https://id.example.gov.cn",
  oidcAudience: "socorg",
  signInRedirectUri: "https://socorg.example.gov.cn/sign-in/callback",
} as const;

/** The Lambda function of that physical name, with its logical id. */
export function functionNamed(
  template: Template,
  functionName: string,
): { logicalId: string; properties: Record<string, unknown> } {
  const found = Object.entries(resourcesOfType(template, "AWS::Lambda::Function")).find(
    ([, r]) => r.Properties.FunctionName === functionName,
  );
  if (!found) throw new Error(`no Lambda function ${functionName}`);
  return { logicalId: found[0], properties: found[1].Properties };
}

/** A function's environment variables. */
export const environmentOf = (template: Template, functionName: string): Record<string, unknown> =>
  (functionNamed(template, functionName).properties.Environment as { Variables: Record<string, unknown> })
    .Variables;
