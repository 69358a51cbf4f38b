import { RemovalPolicy } from "aws-cdk-lib";
import { RetentionDays } from "aws-cdk-lib/aws-logs";

/** Physical names carry the stage, so several stages share an account and read apart in the console. */
export const resourceName = (stage: string, name: string): string => `socorg-${stage}-${name}`;

/** The Cybersecurity Law (网络安全法 art. 21) asks for network logs kept at least six months. */
export const LOG_RETENTION = RetentionDays.ONE_YEAR;

/** Production keeps its logs when the stack goes; other stages clean up after themselves. */
export const logRemovalPolicy = (stage: string): RemovalPolicy =>
  stage === "prod" ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
