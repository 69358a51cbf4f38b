import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { Match } from "aws-cdk-lib/assertions";
import { Runtime, RuntimeFamily } from "aws-cdk-lib/aws-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SWAGGER_UI_FILES } from "../../functions/api/docs-assets.js";
import { PAGE_ROUTES } from "../../infra/aws/constructs/http-api.js";
import { LAMBDA_RUNTIME } from "../../infra/aws/constructs/socorg-function.js";
import { stateMachineArnVariable } from "../../infra/aws/environment.js";
import { API_STATIC_FILES } from "../../infra/aws/static-files.js";
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
const assetDirOf = (fn: { properties: Record<string, unknown> }) =>
  join(synth.outdir, `asset.${(fn.properties.Code as { S3Key: string }).S3Key.replace(/\.zip$/, "")}`);
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

  it("is on demand, recoverable, protected, retained, with TTL and the four GSIs, the deadlines index keys only", () => {
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
    expect(gsis.map((g) => g.IndexName).sort()).toEqual(["deadlines", "due", "owner", "queue"]);
    for (const index of Object.values(indexes)) {
      expect(gsis.find((g) => g.IndexName === index.name)).toEqual({
        IndexName: index.name,
        KeySchema: [
          { AttributeName: index.partition, KeyType: "HASH" },
          { AttributeName: index.sort, KeyType: "RANGE" },
        ],
        Projection: { ProjectionType: index.name === "deadlines" ? "KEYS_ONLY" : "ALL" },
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

  it("each carry the bundle of their own entry", () => {
    const keys = Object.values(functions()).map((f) => (f.Properties.Code as { S3Key: string }).S3Key);
    expect(new Set(keys).size).toBe(keys.length);
    // The sweep's code (its chunks too) holds none of the api's routes.
    const sweepDir = assetDirOf(functionNamed("sweep"));
    const code = (dir: string): string =>
      readdirSync(dir, { recursive: true, encoding: "utf8" })
        .filter((f) => f.endsWith(".mjs"))
        .map((f) => readFileSync(join(dir, f), "utf8"))
        .join("\n");
    expect(code(assetDirOf(functionNamed("api")))).toContain("/openapi.json");
    expect(code(sweepDir)).not.toContain("/openapi.json");
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

  it("the api Lambda carries Swagger UI's own files and serves /docs from them; no other Lambda carries them", async () => {
    const dist = dirname(createRequire(import.meta.url).resolve("swagger-ui-dist/package.json"));
    expect([...API_STATIC_FILES.files]).toEqual(Object.keys(SWAGGER_UI_FILES));
    const apiDir = assetDirOf(functionNamed("api"));
    for (const file of API_STATIC_FILES.files) {
      expect(
        readFileSync(join(apiDir, API_STATIC_FILES.dir, file)).equals(readFileSync(join(dist, file))),
      ).toBe(true);
    }
    for (const name of ["sweep", "notify", `step-${allSteps[0]}`]) {
      expect(existsSync(join(assetDirOf(functionNamed(name)), API_STATIC_FILES.dir))).toBe(false);
    }

    // The bundle as deployed, answering API Gateway's events: nothing is fetched from a CDN.
    const saved = { ...process.env };
    Object.assign(process.env, {
      TABLE_NAME: "socorg-test",
      NOTIFY_QUEUE_URL: "https://sqs.invalid/q",
      AWS_REGION: "us-east-1",
      AUTH_MODE: "cognito",
      OIDC_ISSUER: "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_test",
      OIDC_AUDIENCE: "client",
    });
    try {
      const { handler } = (await import(pathToFileURL(join(apiDir, "index.mjs")).href)) as {
        handler: (
          event: unknown,
          context: unknown,
        ) => Promise<{ statusCode: number; body: string; headers: Record<string, string> }>;
      };
      const get = (rawPath: string) =>
        handler(
          {
            version: "2.0",
            routeKey: "$default",
            rawPath,
            rawQueryString: "",
            headers: { host: "api.example" },
            requestContext: {
              http: { method: "GET", path: rawPath, sourceIp: "127.0.0.1" },
              requestId: "r1",
            },
            isBase64Encoded: false,
          },
          {},
        );
      const page = await get("/docs");
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain("/assets/swagger-ui-dist/swagger-ui-bundle.js");
      expect(page.body).not.toMatch(/cdn\.jsdelivr|unpkg/);
      const css = await get("/assets/swagger-ui-dist/swagger-ui.css");
      expect(css.statusCode).toBe(200);
      expect(css.headers["content-type"]).toContain("text/css");
      expect(css.body).toBe(readFileSync(join(dist, "swagger-ui.css"), "utf8"));
      expect((await get("/assets/swagger-ui-dist/package.json")).statusCode).toBe(404);
    } finally {
      process.env = saved;
    }
    // Importing the deployed bundle cold is slow on a loaded machine.
  }, 180_000);

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
          "states:StopExecution",
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
        Issuer: Match.anyValue(),
        Audience: [{ Ref: Match.stringLikeRegexp("WebClient") }],
      },
    });
    // The authorizer and the app's own check trust the same issuer.
    const [authorizer] = Object.values(resourcesOfType(synth.template, "AWS::ApiGatewayV2::Authorizer"));
    expect((authorizer?.Properties.JwtConfiguration as { Issuer?: unknown } | undefined)?.Issuer).toEqual(
      environmentOf(synth.template, "socorg-test-api").OIDC_ISSUER,
    );
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
        { key: "GET /assets/swagger-ui-dist/{file}", auth: "NONE" },
      ]),
    );
    // The pages are open at the gateway: a browser carries no bearer token, the app checks its session.
    expect(routes).toEqual(
      expect.arrayContaining(PAGE_ROUTES.map((r) => ({ key: `${r.method} ${r.path}`, auth: "NONE" }))),
    );
    expect(routes).toHaveLength(8 + PAGE_ROUTES.length);
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

describe("sign-in in a global region", () => {
  it("lets organizations sign themselves up, with nothing they can write that confers authority", () => {
    const [pool] = Object.values(resourcesOfType(synth.template, "AWS::Cognito::UserPool"));
    // Self sign-up stays open: an account without a grant may only file a registration.
    expect(pool?.Properties.AdminCreateUserConfig).toMatchObject({ AllowAdminCreateUserOnly: false });
    const schema = (pool?.Properties.Schema ?? []) as { Name: string }[];
    expect(schema.filter((a) => !["email", "name", "phone_number"].includes(a.Name))).toEqual([]);
    const [client] = Object.values(resourcesOfType(synth.template, "AWS::Cognito::UserPoolClient"));
    expect([...((client?.Properties.WriteAttributes as string[]) ?? [])].sort()).toEqual([
      "email",
      "name",
      "phone_number",
    ]);
  });

  it("has the api function check the pool's tokens itself, for the app client's audience", () => {
    const env = environmentOf(synth.template, "socorg-test-api");
    const [pool] = Object.keys(resourcesOfType(synth.template, "AWS::Cognito::UserPool"));
    const [client] = Object.keys(resourcesOfType(synth.template, "AWS::Cognito::UserPoolClient"));
    const issuer = JSON.stringify(env.OIDC_ISSUER);
    expect(issuer).toContain("https://cognito-idp.us-east-1.");
    expect(issuer).toContain(`{"Ref":"${pool}"}`);
    expect(env.OIDC_AUDIENCE).toEqual({ Ref: client });
  });
});

describe("the pages' sign-in in a global region", () => {
  it("signs in at the pool's hosted UI with the authorization-code flow, back to the configured callback only", () => {
    synth.template.hasResourceProperties("AWS::Cognito::UserPoolClient", {
      AllowedOAuthFlows: ["code"],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: ["openid", "email", "profile"],
      CallbackURLs: [GLOBAL_CONTEXT.signInRedirectUri],
      LogoutURLs: ["https://socorg.example.gov/"],
      GenerateSecret: false,
    });
    synth.template.hasResourceProperties("AWS::Cognito::UserPoolDomain", { Domain: "socorg-test" });
  });

  it("hands the api function the client, the callback and a generated session key it may read", () => {
    const env = environmentOf(synth.template, "socorg-test-api");
    const [client] = Object.keys(resourcesOfType(synth.template, "AWS::Cognito::UserPoolClient"));
    expect(env.SIGN_IN_CLIENT_ID).toEqual({ Ref: client });
    expect(env.SIGN_IN_REDIRECT_URI).toBe(GLOBAL_CONTEXT.signInRedirectUri);
    const secrets = resourcesOfType(synth.template, "AWS::SecretsManager::Secret");
    const [session] = Object.entries(secrets).filter(([, r]) => r.Properties.Name === "socorg/test/session");
    expect(session?.[1].Properties.GenerateSecretString).toMatchObject({ PasswordLength: 64 });
    expect(session?.[1].Properties.SecretString).toBeUndefined();
    expect(env.SESSION_SECRET_ARN).toEqual({ Ref: session?.[0] });
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
