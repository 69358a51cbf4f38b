import { AssetHashType, DockerImage, Duration } from "aws-cdk-lib";
import * as iam from "aws-cdk-lib/aws-iam";
import * as lambda from "aws-cdk-lib/aws-lambda";
import { Architecture, Runtime } from "aws-cdk-lib/aws-lambda";
import * as logs from "aws-cdk-lib/aws-logs";
import { Construct } from "constructs";
import { bundleLambda } from "../bundling.js";
import { repoPath } from "../paths.js";
import type { StaticFiles } from "../static-files.js";
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
  /** Files of an installed package copied beside the bundle. */
  staticFiles?: StaticFiles;
}

/**
 * Every Lambda default in one place: Node.js ESM bundle with source maps, arm64, the newest runtime,
 * its own log group with retention, and a role that holds no managed policy (each grant is explicit).
 */
export class SocorgFunction extends Construct {
  readonly function: lambda.Function;
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

    const entry = repoPath(props.entry);
    this.function = new lambda.Function(this, "Function", {
      functionName,
      description: props.description,
      handler: "index.handler",
      code: lambda.Code.fromAsset(repoPath("."), {
        assetHashType: AssetHashType.OUTPUT,
        bundling: {
          // Bundled here with esbuild (NodejsFunction cannot split code); the image is never pulled.
          image: DockerImage.fromRegistry("node:22-alpine"),
          // CDK caches bundles by these options; the entry (and any copied files) make each function's its own.
          environment: {
            SOCORG_ENTRY: props.entry,
            ...(props.staticFiles ? { SOCORG_STATIC_FILES: props.staticFiles.files.join(",") } : {}),
          },
          local: {
            tryBundle(outputDir) {
              bundleLambda(entry, outputDir, {
                sourcemap: true,
                ...(props.staticFiles ? { staticFiles: props.staticFiles } : {}),
              });
              return true;
            },
          },
        },
      }),
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
    });
  }
}
