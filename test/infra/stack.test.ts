import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Match } from "aws-cdk-lib/assertions";
import { Runtime, RuntimeFamily } from "aws-cdk-lib/aws-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LAMBDA_RUNTIME } from "../../infra/aws/constructs/socorg-function.js";
import { stateMachineArnVariable } from "../../infra/aws/environment.js";
import { createTableInput } from "../../shared/store/create-table.js";
import { indexes, keys, ttlAttribute } from "../../shared/store/table.js";
import { allSteps, workflows } from "../../workflows/index.js";
import {
  environmentOf,
  functionNamed as findFunction,
  GLOBAL_CONTEXT,
  resourcesOfType,
  type Synthesized,
  synthesize,
} from "./synth.js";

let synth: Synthesized;

beforeAll(() => {
  synth = synthesize(GLOBAL_CONTEXT, { bundle: true });
});
afterAll(() => synth?.dispose());

const functions = () => resourcesOfType(synth.template, "AWS::Lambda::Function");
const functionNamed = (name: string) => findFunction(synth.template, `socorg-test-${name}`);
const envOf = (name: string) => environmentOf(synth.template, `socorg-test-${name}`);
const policyStatementsOf = (roleLogicalId: string) =>
  Object.values(resourcesOfType(synth.template, "AWS::IAM::Policy"))
    .filter((p) => JSON.stringify(p.Properties.Roles) === JSON.stringify([{ Ref: roleLogicalId }]))
    .flatMap((p) => (p.Properties.PolicyDocument as { Statement: Record<string, unknown>[] }).Statement);
const roleOf = (name: string) =>
  (functionNamed(name).properties.Role as { "Fn::GetAtt": [string, string] })["Fn::GetAtt"][0];
const actionsOf = (statements: Record<string, unknown>[]) => statements.flatMap((s) => [s.Action].flat());

describe("table", () => {
  it("is the table the local runtime creates: same keys, attributes and indexes", () => {
    const [table] = Object.values(resourcesOfType(synth.template, "AWS::DynamoDB::Table"));
    const local = createTableInput("socorg-test");
    const byName = <T extends { IndexName?: string; AttributeName?: string }>(xs: T[]) =>
      [...xs].sort((a, b) =>
        String(a.IndexName ?? a.AttributeName).localeCompare(String(b.IndexName ?? b.AttributeName)),
      );
    expect(table?.Properties.KeySchema).toEqual(local.KeySchema);
    expect(byName(table?.Properties.AttributeDefinitions as { AttributeName: string }[])).toEqual(
      byName(local.AttributeDefinitions as { AttributeName: string }[]),
    );
    expect(byName(table?.Properties.GlobalSecondaryIndexes as { IndexName: string }[])).toEqual(
      byName(local.GlobalSecondaryIndexes as { IndexName: string }[]),
    );
  });

  it("is on demand, recoverable, protected, retained, with TTL and the three GSIs", () => {
    synth.template.hasResource("AWS::DynamoDB::Table", {
      DeletionPolicy: "Retain",
      UpdateReplacePolicy: "Retain",
      Properties: Match.objectLike({
        TableName: "socorg-test",
        BillingMode: "PAY_PER_REQUEST",
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        DeletionProtectionEnabled: true,
        TimeToLiveSpecification: { AttributeName: ttlAttribute, Enabled: true },
        KeySchema: [
          { AttributeName: keys.partition, KeyType: "HASH" },
          { AttributeName: keys.sort, KeyType: "RANGE" },
        ],
      }),
    });
    const [table] = Object.values(resourcesOfType(synth.template, "AWS::DynamoDB::Table"));
    const gsis = table?.Properties.GlobalSecondaryIndexes as {
      IndexName: string;
      KeySchema: { AttributeName: string; KeyType: string }[];
      Projection: { ProjectionType: string };
    }[];
    expect(gsis.map((g) => g.IndexName).sort()).toEqual(["due", "owner", "queue"]);
    for (const index of Object.values(indexes)) {
      expect(gsis.find((g) => g.IndexName === index.name)).toEqual({
        IndexName: index.name,
        KeySchema: [
          { AttributeName: index.partition, KeyType: "HASH" },
          { AttributeName: index.sort, KeyType: "RANGE" },
        ],
        Projection: { ProjectionType: "ALL" },
      });
    }
    const attributes = table?.Properties.AttributeDefinitions as { AttributeType: string }[];
    expect(new Set(attributes.map((a) => a.AttributeType))).toEqual(new Set(["S"]));
  });
});

describe("lambdas", () => {
  it("are one per entry: api, sweep, notify and every workflow step", () => {
    const names = Object.values(functions()).map((f) => f.Properties.FunctionName);
    expect(names.sort()).toEqual(
      ["api", "sweep", "notify", ...allSteps.map((s) => `step-${s}`)].map((n) => `socorg-test-${n}`).sort(),
    );
  });

  it("run the newest Node.js runtime on arm64 with source maps", () => {
    const newest = Runtime.ALL.filter((r) => r.family === RuntimeFamily.NODEJS)
      .map((r) => r.name)
      .sort((a, b) => a.localeCompare(b, undefined, { numeric: true }))
      .at(-1);
    expect(LAMBDA_RUNTIME.name).toBe(newest);
    for (const fn of Object.values(functions())) {
      expect(fn.Properties).toMatchObject({
        Runtime: newest,
        Architectures: ["arm64"],
        Handler: "index.handler",
        Environment: {
          Variables: { NODE_OPTIONS: "--enable-source-maps", TABLE_NAME: { Ref: expect.any(String) } },
        },
      });
    }
  });

  it("are bundled as ESM with a require shim and a source map", () => {
    for (const fn of Object.values(functions())) {
      const key = (fn.Properties.Code as { S3Key: string }).S3Key;
      const assetDir = join(synth.outdir, `asset.${key.replace(/\.zip$/, "")}`);
      const code = readFileSync(join(assetDir, "index.mjs"), "utf8");
      expect(code.startsWith("import { createRequire as __socorgCreateRequire }")).toBe(true);
      expect(code).toMatch(/\bhandler\b/);
      expect(existsSync(join(assetDir, "index.mjs.map"))).toBe(true);
    }
  });

  it("log to their own log group, and every log group has a retention", () => {
    for (const fn of Object.values(functions())) {
      expect(fn.Properties.LoggingConfig).toEqual({ LogGroup: { Ref: expect.any(String) } });
    }
    const groups = Object.values(resourcesOfType(synth.template, "AWS::Logs::LogGroup"));
    expect(groups.length).toBeGreaterThanOrEqual(
      Object.keys(functions()).length + Object.keys(workflows).length + 1,
    );
    for (const group of groups) expect(group.Properties.RetentionInDays).toBe(365);
  });

  it("carry no managed policy: every permission is an explicit grant", () => {
    for (const role of Object.values(resourcesOfType(synth.template, "AWS::IAM::Role"))) {
      expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    }
  });

  it("that start workflows or answer task tokens know the machines and may call them", () => {
    for (const name of ["api", "sweep", ...allSteps.map((s) => `step-${s}`)]) {
      const env = envOf(name);
      for (const workflow of Object.keys(workflows)) {
        expect(JSON.stringify(env[stateMachineArnVariable(workflow)])).toContain(
          `stateMachine:socorg-test-${workflow}`,
        );
      }
      expect(env.NOTIFY_QUEUE_URL).toEqual({ Ref: expect.any(String) });
      expect(actionsOf(policyStatementsOf(roleOf(name)))).toEqual(
        expect.arrayContaining([
          "states:StartExecution",
          "states:SendTaskSuccess",
          "states:SendTaskFailure",
          "sqs:SendMessage",
        ]),
      );
    }
  });
});

describe("HTTP API", () => {
  it("puts a JWT authorizer over the Cognito user pool in front of every route but the public ones", () => {
    synth.template.resourceCountIs("AWS::ApiGatewayV2::Api", 1);
    synth.template.hasResourceProperties("AWS::ApiGatewayV2::Authorizer", {
      AuthorizerType: "JWT",
      IdentitySource: ["$request.header.Authorization"],
      JwtConfiguration: {
        Issuer: { "Fn::GetAtt": [Match.stringLikeRegexp("UserPool"), "ProviderURL"] },
        Audience: [{ Ref: Match.stringLikeRegexp("WebClient") }],
      },
    });
    const routes = Object.values(resourcesOfType(synth.template, "AWS::ApiGatewayV2::Route")).map((r) => ({
      key: r.Properties.RouteKey,
      auth: r.Properties.AuthorizationType,
    }));
    expect(routes).toEqual(
      expect.arrayContaining([
        { key: "ANY /", auth: "JWT" },
        { key: "ANY /{proxy+}", auth: "JWT" },
        { key: "GET /health", auth: "NONE" },
        { key: "GET /organizations/{uscc}", auth: "NONE" },
        { key: "POST /cases/{caseId}/objections", auth: "NONE" },
        { key: "GET /openapi.json", auth: "NONE" },
        { key: "GET /docs", auth: "NONE" },
      ]),
    );
    expect(routes).toHaveLength(7);
  });

  it("logs access on its default stage", () => {
    synth.template.hasResourceProperties("AWS::ApiGatewayV2::Stage", {
      StageName: "$default",
      AutoDeploy: true,
      AccessLogSettings: {
        DestinationArn: { "Fn::GetAtt": [Match.anyValue(), "Arn"] },
        Format: Match.stringLikeRegexp("\\$context.requestId"),
      },
    });
  });

  it("has a Cognito user pool with a strong password policy, optional MFA and threat protection", () => {
    synth.template.hasResourceProperties("AWS::Cognito::UserPool", {
      Policies: {
        PasswordPolicy: Match.objectLike({
          MinimumLength: 12,
          RequireLowercase: true,
          RequireUppercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
        }),
      },
      MfaConfiguration: "OPTIONAL",
      UserPoolTier: "PLUS",
      UserPoolAddOns: { AdvancedSecurityMode: "ENFORCED" },
      DeletionProtection: "ACTIVE",
    });
    synth.template.hasResourceProperties("AWS::Cognito::UserPoolClient", { GenerateSecret: false });
  });
});

describe("workflows", () => {
  it("are Standard state machines with tracing and logs without execution data", () => {
    synth.template.resourceCountIs("AWS::StepFunctions::StateMachine", Object.keys(workflows).length);
    for (const name of Object.keys(workflows)) {
      synth.template.hasResourceProperties("AWS::StepFunctions::StateMachine", {
        StateMachineName: `socorg-test-${name}`,
        StateMachineType: "STANDARD",
        TracingConfiguration: { Enabled: true },
        LoggingConfiguration: Match.objectLike({ Level: "ALL", IncludeExecutionData: false }),
      });
    }
  });

  it("may invoke exactly the step functions their definitions call", () => {
    for (const machine of Object.values(
      resourcesOfType(synth.template, "AWS::StepFunctions::StateMachine"),
    )) {
      const role = (machine.Properties.RoleArn as { "Fn::GetAtt": [string, string] })["Fn::GetAtt"][0];
      const invoke = policyStatementsOf(role).find((s) => s.Action === "lambda:InvokeFunction");
      const substituted = Object.entries(
        machine.Properties.DefinitionSubstitutions as Record<string, unknown>,
      )
        .filter(([key]) => key.startsWith("Step_"))
        .map(([, arn]) => arn);
      expect(invoke?.Resource).toEqual(expect.arrayContaining(substituted));
      expect(invoke?.Resource).toHaveLength(substituted.length);
    }
  });
});

describe("sweep schedule", () => {
  it("invokes the sweep Lambda every five minutes on Asia/Shanghai time", () => {
    synth.template.hasResourceProperties("AWS::Scheduler::Schedule", {
      ScheduleExpression: "cron(0/5 * * * ? *)",
      ScheduleExpressionTimezone: "Asia/Shanghai",
      State: "ENABLED",
      Target: { Arn: { "Fn::GetAtt": [functionNamed("sweep").logicalId, "Arn"] } },
    });
  });
});

describe("notifications", () => {
  it("queue behind a dead-letter queue, both encrypted and TLS-only", () => {
    const queues = resourcesOfType(synth.template, "AWS::SQS::Queue");
    const dlqId = Object.keys(queues).find(
      (id) => queues[id]?.Properties.QueueName === "socorg-test-notify-dlq",
    );
    synth.template.hasResourceProperties("AWS::SQS::Queue", {
      QueueName: "socorg-test-notify",
      SqsManagedSseEnabled: true,
      RedrivePolicy: { deadLetterTargetArn: { "Fn::GetAtt": [dlqId, "Arn"] }, maxReceiveCount: 5 },
    });
    expect(queues[dlqId ?? ""]?.Properties.SqsManagedSseEnabled).toBe(true);
    const policies = Object.values(resourcesOfType(synth.template, "AWS::SQS::QueuePolicy"));
    expect(policies).toHaveLength(2);
    for (const policy of policies) {
      expect(JSON.stringify(policy.Properties.PolicyDocument)).toContain('"aws:SecureTransport":"false"');
    }
  });

  it("are drained by the notify Lambda, reporting partial batch failures", () => {
    synth.template.hasResourceProperties("AWS::Lambda::EventSourceMapping", {
      FunctionName: { Ref: functionNamed("notify").logicalId },
      FunctionResponseTypes: ["ReportBatchItemFailures"],
    });
  });

  it("go out by SES and SNS SMS in a global region", () => {
    expect(envOf("notify")).toMatchObject({
      EMAIL_CHANNEL: "ses",
      SMS_CHANNEL: "sns",
      EMAIL_FROM: expect.any(String),
    });
    const actions = actionsOf(policyStatementsOf(roleOf("notify")));
    expect(actions).toEqual(expect.arrayContaining(["ses:SendEmail", "sns:Publish"]));
  });
});

describe("alarms", () => {
  const alarms = () =>
    Object.values(resourcesOfType(synth.template, "AWS::CloudWatch::Alarm")).map((a) => a.Properties);

  it("fire on dead letters, failed or timed-out executions, API 5xx and sweep errors", () => {
    const metrics = alarms().map((a) => `${a?.Namespace}/${a?.MetricName}`);
    expect(metrics.filter((m) => m === "AWS/SQS/ApproximateNumberOfMessagesVisible")).toHaveLength(1);
    expect(metrics.filter((m) => m === "AWS/States/ExecutionsFailed")).toHaveLength(
      Object.keys(workflows).length,
    );
    expect(metrics.filter((m) => m === "AWS/States/ExecutionsTimedOut")).toHaveLength(
      Object.keys(workflows).length,
    );
    expect(metrics).toContain("AWS/ApiGateway/5xx");
    expect(metrics).toContain("AWS/Lambda/Errors");
    for (const alarm of alarms()) {
      expect(alarm).toMatchObject({ Threshold: 0, ComparisonOperator: "GreaterThanThreshold" });
      expect(alarm?.AlarmActions).toEqual([{ Ref: expect.stringMatching(/^MonitoringTopic/) }]);
    }
  });

  it("watch the dead-letter queue, not the main queue", () => {
    const dlqAlarm = alarms().find((a) => a?.MetricName === "ApproximateNumberOfMessagesVisible");
    expect(JSON.stringify(dlqAlarm?.Dimensions)).toContain("NotificationsDeadLetterQueue");
  });

  it("publish to an encrypted, TLS-only topic", () => {
    synth.template.hasResourceProperties("AWS::SNS::Topic", {
      KmsMasterKeyId: { "Fn::GetAtt": [Match.stringLikeRegexp("MonitoringTopicKey"), "Arn"] },
    });
    synth.template.hasResourceProperties("AWS::SNS::TopicPolicy", {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: "Deny", Condition: { Bool: { "aws:SecureTransport": "false" } } }),
        ]),
      },
    });
  });
});

describe("outputs", () => {
  it("give the API URL, the table name and each state machine ARN", () => {
    const outputs = Object.keys(synth.template.toJSON().Outputs ?? {});
    expect(outputs).toEqual(expect.arrayContaining(["ApiUrl", "TableName", "StateMachineArnRegistration"]));
    expect(outputs.filter((o) => o.startsWith("StateMachineArn"))).toHaveLength(
      Object.keys(workflows).length,
    );
  });
});
