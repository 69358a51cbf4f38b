import type { TestProject } from "vitest/node";
import { type DynamoDbLocal, startDynamoDbLocal } from "../infra/local/dynamodb-local.js";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

let ddb: DynamoDbLocal | undefined;

/** One in-memory DynamoDB Local for the whole run; every test file creates its own table in it. */
export async function setup(project: TestProject): Promise<void> {
  ddb = await startDynamoDbLocal();
  project.provide("dynamoEndpoint", ddb.endpoint);
}

export async function teardown(): Promise<void> {
  await ddb?.stop();
}

declare module "vitest" {
  export interface ProvidedContext {
    dynamoEndpoint: string;
  }
}
