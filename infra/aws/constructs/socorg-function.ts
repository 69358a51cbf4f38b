import { Duration } from "aws-cdk-lib";
import * as iam from "aws-cdk-lib/aws-iam";
import { Architecture, Runtime } from "aws-cdk-lib/aws-lambda";
import { Charset, LogLevel, NodejsFunction, OutputFormat } from "aws-cdk-lib/aws-lambda-nodejs";
import * as logs from "aws-cdk-lib/aws-logs";
import { Construct } from "constructs";
import { LAMBDA_BUNDLING } from "../bundling.js";
import { repoPath } from "../paths.js";
import { LOG_RETENTION, logRemovalPolicy, resourceName } from "./naming.js";

/** The newest Node.js runtime aws-cdk-lib offers (cdk-nag AwsSolutions-L1 asks for it). */
export const LAMBDA_RUNTIME = Runtime.NODEJS_24_X;

export interface SocorgFunctionProps {
  stage: string;
  /** Short name: the function is `socorg-<stage>-<name>` and logs under this service name. */
  name: string;
  /** Entry module, relative to the repository root; it exports `handler`. */
  entry: string;
  description: string;
  timeout?: Duration;
  memorySize?: number;
  environment?: Record<string, string>;
}

/**
 * Every Lambda default in one place: Node.js ESM bundle with source maps, arm64, the newest runtime,
 * its own log group with retention, and a role that holds no managed policy (each grant is explicit).
 */
export class SocorgFunction extends Construct {
  readonly function: NodejsFunction;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: SocorgFunctionProps) {
    super(scope, id);
    const functionName = resourceName(props.stage, props.name);

    this.logGroup = new logs.LogGroup(this, "Logs", {
      retention: LOG_RETENTION,
      removalPolicy: logRemovalPolicy(props.stage),
    });
    this.role = new iam.Role(this, "Role", {
      assumedBy: new iam.ServicePrincipal("lambda.amazonaws.com"),
      description: `Runs ${functionName}`,
    });
    this.logGroup.grantWrite(this.role);

    this.function = new NodejsFunction(this, "Function", {
      functionName,
      description: props.description,
      entry: repoPath(props.entry),
      handler: "handler",
      projectRoot: repoPath("."),
      depsLockFilePath: repoPath("package-lock.json"),
      runtime: LAMBDA_RUNTIME,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(30),
      role: this.role,
      logGroup: this.logGroup,
      environment: {
        NODE_OPTIONS: "--enable-source-maps",
        POWERTOOLS_SERVICE_NAME: props.name,
        ...props.environment,
      },
      bundling: {
        format: OutputFormat.ESM,
        target: LAMBDA_BUNDLING.target,
        sourceMap: true,
        // Stack traces need the mappings only; embedded sources nearly triple the map.
        sourcesContent: false,
        minify: LAMBDA_BUNDLING.minify,
        mainFields: [...LAMBDA_BUNDLING.mainFields],
        banner: LAMBDA_BUNDLING.banner,
        charset: Charset.UTF8,
        tsconfig: repoPath("tsconfig.json"),
        bundleAwsSDK: LAMBDA_BUNDLING.bundleAwsSdk,
        // esbuild's size table on every synth is noise; warnings and errors still show.
        logLevel: LogLevel.WARNING,
        forceDockerBundling: false,
      },
    });
  }
}
