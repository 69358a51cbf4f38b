import { RemovalPolicy } from "aws-cdk-lib";
import * as dynamodb from "aws-cdk-lib/aws-dynamodb";
import * as iam from "aws-cdk-lib/aws-iam";
import { Construct } from "constructs";
import { indexes, keys, TABLE_NAME_DEFAULT, ttlAttribute } from "../../../shared/store/table.js";

const stringKey = (name: string): dynamodb.Attribute => ({ name, type: dynamodb.AttributeType.STRING });

/** Item-level reads and writes; Scan is left out because no access pattern needs it. */
const DATA_ACTIONS = [
  "dynamodb:GetItem",
  "dynamodb:BatchGetItem",
  "dynamodb:Query",
  "dynamodb:PutItem",
  "dynamodb:UpdateItem",
  "dynamodb:DeleteItem",
  "dynamodb:BatchWriteItem",
  "dynamodb:ConditionCheckItem",
  "dynamodb:DescribeTable",
];

/** The one table of shared/store/table.ts, with the keys, indexes and TTL both runtimes use. */
export class SocorgTable extends Construct {
  readonly table: dynamodb.Table;

  constructor(scope: Construct, id: string, props: { stage: string }) {
    super(scope, id);
    this.table = new dynamodb.Table(this, "Table", {
      tableName: `${TABLE_NAME_DEFAULT}-${props.stage}`,
      partitionKey: stringKey(keys.partition),
      sortKey: stringKey(keys.sort),
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      timeToLiveAttribute: ttlAttribute,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const index of Object.values(indexes)) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: stringKey(index.partition),
        sortKey: stringKey(index.sort),
        projectionType: dynamodb.ProjectionType[index.projection],
      });
    }
  }

  /** Read and write items and query the indexes, each named: no `index/*` wildcard. */
  grantData(grantee: iam.IGrantable): void {
    const indexArns = Object.values(indexes).map((index) => `${this.table.tableArn}/index/${index.name}`);
    iam.Grant.addToPrincipal({ grantee, actions: DATA_ACTIONS, resourceArns: [this.table.tableArn] });
    iam.Grant.addToPrincipal({ grantee, actions: ["dynamodb:Query"], resourceArns: indexArns });
  }
}
