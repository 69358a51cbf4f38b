import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import type { ExecutionRecord, ExecutionRecords } from "../ports/executions.js";
import { activeExecutionsValue, executionKey } from "./keys.js";
import { indexes } from "./table.js";

/** The item type of an execution record, by which the store's write counts tell the engine's writes apart. */
export const EXECUTION_ITEM_TYPE = "local_execution";

const isActive = (r: ExecutionRecord) => r.status === "running" || r.status === "waiting";

/** Execution records in the one table: active ones sit on the owner index under one partition. */
export class DynamoExecutionRecords implements ExecutionRecords {
  private readonly doc: DynamoDBDocumentClient;

  constructor(
    client: DynamoDBClient,
    private readonly tableName: string,
    /** Items per Query page (DynamoDB's 1 MB page when unset). */
    private readonly pageSize?: number,
  ) {
    this.doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  }

  private item(record: ExecutionRecord) {
    return {
      ...executionKey(record.name),
      type: EXECUTION_ITEM_TYPE,
      ...record,
      ...(isActive(record)
        ? { [indexes.owner.partition]: activeExecutionsValue, [indexes.owner.sort]: record.name }
        : {}),
    };
  }

  async create(record: ExecutionRecord): Promise<boolean> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: this.item(record),
          ConditionExpression: "attribute_not_exists(pk)",
        }),
      );
      return true;
    } catch (error) {
      if ((error as Error).name === "ConditionalCheckFailedException") return false;
      throw error;
    }
  }

  async save(record: ExecutionRecord): Promise<void> {
    await this.doc.send(new PutCommand({ TableName: this.tableName, Item: this.item(record) }));
  }

  async *active(): AsyncIterable<ExecutionRecord> {
    let from: Record<string, unknown> | undefined;
    do {
      const page = await this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: indexes.owner.name,
          KeyConditionExpression: "#p = :p",
          ExpressionAttributeNames: { "#p": indexes.owner.partition },
          ExpressionAttributeValues: { ":p": activeExecutionsValue },
          ExclusiveStartKey: from,
          Limit: this.pageSize,
        }),
      );
      for (const item of page.Items ?? []) {
        const { name, workflow, status, waitingState, stateInput, error } = item as ExecutionRecord;
        yield { name, workflow, status, waitingState, stateInput, error };
      }
      from = page.LastEvaluatedKey;
    } while (from);
  }
}
