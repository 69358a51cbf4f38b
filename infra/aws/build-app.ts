import { readFileSync } from "node:fs";
import { type App, Tags, Validations } from "aws-cdk-lib";
import { AwsSolutionsChecks } from "cdk-nag";
import { readDeployConfig, readDeploySettings } from "./config.js";
import { SocorgStack } from "./stack.js";

/** Adds the socorg stack, configured from the app's context, and the cdk-nag AWS Solutions checks. */
export function buildApp(app: App): SocorgStack {
  const context = (key: string) => app.node.tryGetContext(key);
  const config = readDeployConfig(context);
  const settings = readDeploySettings(context, (path) => readFileSync(path, "utf8"));
  const stack = new SocorgStack(app, `socorg-${config.stage}`, {
    description: `socorg (${config.stage}): supervision of social organizations`,
    env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: config.region },
    terminationProtection: config.stage === "prod",
    config,
    settings,
  });
  Tags.of(app).add("project", "socorg");
  Tags.of(app).add("stage", config.stage);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return stack;
}
