import { resolve } from "node:path";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoStore } from "../../shared/store/dynamo-store.js";
import { TABLE_NAME_DEFAULT } from "../../shared/store/table.js";
import { rebuildStatisticsCounters } from "../../shared/usecases/rebuild-statistics-counters.js";
import { type DynamoDbLocal, startDynamoDbLocal } from "./dynamodb-local.js";
import { consoleLogger } from "./runtime.js";

/**
 * `npm run rebuild-counters`: counts a table's statistics again from its register. The table is
 * TABLE_NAME (socorg) at DYNAMODB_ENDPOINT, or in DynamoDB Local on DATA_DIR (.data) when no endpoint
 * is given; with AWS_REGION and no endpoint it is the deployed table, reached with the usual credentials.
 */
const env = process.env;
let ddb: DynamoDbLocal | undefined;
try {
  const onAws = !env.DYNAMODB_ENDPOINT && env.AWS_REGION !== undefined;
  if (!env.DYNAMODB_ENDPOINT && !onAws)
    ddb = await startDynamoDbLocal({ dataDir: resolve(env.DATA_DIR ?? ".data") });
  const endpoint = env.DYNAMODB_ENDPOINT ?? ddb?.endpoint;
  const client = endpoint
    ? new DynamoDBClient({
        endpoint,
        region: "local",
        credentials: { accessKeyId: "local", secretAccessKey: "local" },
      })
    : new DynamoDBClient({});
  const store = new DynamoStore(client, env.TABLE_NAME ?? TABLE_NAME_DEFAULT);
  const report = await rebuildStatisticsCounters({ store, log: consoleLogger });
  console.log(
    `counted ${report?.organizations ?? 0} organizations and ${report?.alerts ?? 0} alerts into the counters of ${report?.divisions ?? 0} divisions`,
  );
  client.destroy();
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
} finally {
  await ddb?.stop();
}
