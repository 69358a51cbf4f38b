import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DescribeTableCommand,
  type DynamoDBClient,
  ResourceInUseException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
} from "@aws-sdk/client-dynamodb";
import { indexes, keys, ttlAttribute } from "./table.js";

/** The CreateTable request equivalent to the table CDK deploys (used by the local runtime and tests). */
export function createTableInput(tableName: string): CreateTableCommandInput {
  const attrs = new Set<string>([keys.partition, keys.sort]);
  for (const ix of Object.values(indexes)) {
    attrs.add(ix.partition);
    attrs.add(ix.sort);
  }
  return {
    TableName: tableName,
    BillingMode: "PAY_PER_REQUEST",
    AttributeDefinitions: [...attrs].map((name) => ({ AttributeName: name, AttributeType: "S" })),
    KeySchema: [
      { AttributeName: keys.partition, KeyType: "HASH" },
      { AttributeName: keys.sort, KeyType: "RANGE" },
    ],
    GlobalSecondaryIndexes: Object.values(indexes).map(indexInput),
  };
}

type Index = (typeof indexes)[keyof typeof indexes];

function indexInput(ix: Index) {
  return {
    IndexName: ix.name,
    KeySchema: [
      { AttributeName: ix.partition, KeyType: "HASH" as const },
      { AttributeName: ix.sort, KeyType: "RANGE" as const },
    ],
    Projection: { ProjectionType: ix.projection },
  };
}

/** Waits until the table and every index on it are active. */
async function untilActive(client: DynamoDBClient, tableName: string): Promise<string[]> {
  for (let i = 0; ; i++) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    const building = (Table?.GlobalSecondaryIndexes ?? []).some((ix) => ix.IndexStatus !== "ACTIVE");
    if ((Table?.TableStatus === "ACTIVE" && !building) || i >= 600) {
      return (Table?.GlobalSecondaryIndexes ?? []).flatMap((ix) => (ix.IndexName ? [ix.IndexName] : []));
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A table from before an index existed gains it, one index at a time, as DynamoDB allows. */
async function addMissingIndexes(client: DynamoDBClient, tableName: string): Promise<void> {
  const have = new Set(await untilActive(client, tableName));
  for (const ix of Object.values(indexes)) {
    if (have.has(ix.name)) continue;
    await client.send(
      new UpdateTableCommand({
        TableName: tableName,
        AttributeDefinitions: [ix.partition, ix.sort].map((name) => ({
          AttributeName: name,
          AttributeType: "S",
        })),
        GlobalSecondaryIndexUpdates: [{ Create: indexInput(ix) }],
      }),
    );
    await untilActive(client, tableName);
  }
}

export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<void> {
  try {
    await client.send(new CreateTableCommand(createTableInput(tableName)));
  } catch (error) {
    if (error instanceof ResourceInUseException) return addMissingIndexes(client, tableName);
    throw error;
  }
  await untilActive(client, tableName);
  await client.send(
    new UpdateTimeToLiveCommand({
      TableName: tableName,
      TimeToLiveSpecification: { AttributeName: ttlAttribute, Enabled: true },
    }),
  );
}
