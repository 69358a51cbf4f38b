import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { inject } from "vitest";

/** A client of its own on the shared DynamoDB Local, as another Lambda container or process has. */
export const ownDynamoClient = (): DynamoDBClient =>
  new DynamoDBClient({
    endpoint: inject("dynamoEndpoint"),
    region: "local",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
