import { createHash } from "node:crypto";
import { CfnOutput, Duration, Stack, type StackProps, Token, Validations } from "aws-cdk-lib";
import * as iam from "aws-cdk-lib/aws-iam";
import type { IFunction } from "aws-cdk-lib/aws-lambda";
import * as secretsmanager from "aws-cdk-lib/aws-secretsmanager";
import * as ssm from "aws-cdk-lib/aws-ssm";
import type { Construct } from "constructs";
import { allSteps, workflows } from "../../workflows/index.js";
import type { DeployConfig } from "./config.js";
import { HttpApi } from "./constructs/http-api.js";
import { ALARM_PERIOD, Monitoring } from "./constructs/monitoring.js";
import { resourceName } from "./constructs/naming.js";
import { NOTIFY_TIMEOUT, Notifications } from "./constructs/notifications.js";
import { SocorgFunction, type SocorgFunctionProps } from "./constructs/socorg-function.js";
import { SocorgTable } from "./constructs/socorg-table.js";
import { SweepSchedule } from "./constructs/sweep-schedule.js";
import { UserDirectory } from "./constructs/user-directory.js";
import { executionArnsFor, stateMachineArnFor, WorkflowMachines } from "./constructs/workflow-machines.js";
import { ENV, stateMachineArnVariable } from "./environment.js";
import { API_STATIC_FILES } from "./static-files.js";

export interface SocorgStackProps extends StackProps {
  config: DeployConfig;
  /** The jurisdiction settings as JSON text, validated already (config.ts `readDeploySettings`); `{}` for none. */
  settings?: string;
}

const pascal = (name: string): string =>
  name.replace(/(^|[^A-Za-z0-9]+)([A-Za-z0-9])/g, (_m, _sep, c: string) => c.toUpperCase());

/** The AWS runtime of socorg: table, Lambdas, workflows, HTTP API, schedule, notifications, alarms. */
export class SocorgStack extends Stack {
  readonly table: SocorgTable;
  readonly api: HttpApi;
  readonly machines: WorkflowMachines;
  readonly functions: { api: SocorgFunction; sweep: SocorgFunction; notify: SocorgFunction };
  readonly stepFunctions: ReadonlyMap<string, SocorgFunction>;

  constructor(scope: Construct, id: string, props: SocorgStackProps) {
    super(scope, id, props);
    const { config } = props;
    const { stage } = config;

    this.table = new SocorgTable(this, "Store", { stage });
    const notifications = new Notifications(this, "Notifications", {
      stage,
      email: config.email,
      sms: config.sms,
    });

    // Known by name before the machines exist: steps need them and the machines need the steps.
    const machineArns: Record<string, string> = Object.fromEntries(
      Object.keys(workflows).map((name) => [name, stateMachineArnFor(this, resourceName(stage, name))]),
    );
    // One deployed, versioned place for the settings: every function reads it at init.
    const settingsText = props.settings ?? "{}";
    const settingsName = `/socorg/${stage}/settings`;
    const settings = new ssm.StringParameter(this, "Settings", {
      parameterName: settingsName,
      description: `socorg (${stage}): jurisdiction settings (JSON, validated at synth and at init)`,
      stringValue: settingsText,
      tier: Buffer.byteLength(settingsText) > 4096 ? ssm.ParameterTier.ADVANCED : ssm.ParameterTier.STANDARD,
    });
    const environment: Record<string, string> = {
      [ENV.stage]: stage,
      [ENV.settingsParameter]: settingsName,
      [ENV.settingsDigest]: createHash("sha256").update(settingsText).digest("hex").slice(0, 16),
      [ENV.tableName]: this.table.table.tableName,
      [ENV.notifyQueueUrl]: notifications.queue.queueUrl,
      [ENV.emailChannel]: config.email.channel,
      [ENV.smsChannel]: config.sms.channel,
      ...Object.fromEntries(
        Object.entries(machineArns).map(([name, arn]) => [stateMachineArnVariable(name), arn]),
      ),
    };
    const lambda = (
      id: string,
      name: string,
      entry: string,
      description: string,
      extra: Partial<SocorgFunctionProps> = {},
    ) => new SocorgFunction(this, id, { stage, name, entry, description, environment, ...extra });

    const api = lambda("Api", "api", "functions/api/lambda.ts", "HTTP API and pages", {
      memorySize: 1024,
      // API Gateway gives up on an integration after 30 s.
      timeout: Duration.seconds(29),
      environment: { ...environment, [ENV.authMode]: config.auth.mode },
      staticFiles: API_STATIC_FILES,
    });
    const sweep = lambda("Sweep", "sweep", "functions/sweep/handler.ts", "Fires deadlines and reminders", {
      timeout: Duration.minutes(4),
    });
    const notify = lambda("Notify", "notify", "functions/notify/handler.ts", "Sends queued email and SMS", {
      timeout: NOTIFY_TIMEOUT,
    });
    const steps = new Map(
      allSteps.map((step) => [
        step,
        lambda(`Step${pascal(step)}`, `step-${step}`, `functions/steps/${step}.ts`, `Workflow step ${step}`),
      ]),
    );
    this.functions = { api, sweep, notify };
    this.stepFunctions = steps;

    for (const fn of [api, sweep, notify, ...steps.values()]) {
      this.table.grantData(fn.role);
      settings.grantRead(fn.role);
    }
    for (const fn of [api, sweep, ...steps.values()]) {
      notifications.grantEnqueue(fn);
      this.grantWorkflows(
        fn,
        Object.values(machineArns),
        Object.keys(workflows).map((name) => resourceName(stage, name)),
      );
    }
    notifications.attachDispatcher(notify);
    // The sweep's next run redoes a failed one; Lambda's own async retries would only overlap it.
    sweep.function.configureAsyncInvoke({ retryAttempts: 0 });

    this.machines = new WorkflowMachines(this, "Workflows", {
      stage,
      workflows,
      stepFunctions: new Map<string, IFunction>([...steps].map(([step, fn]) => [step, fn.function])),
    });

    let jwtIssuer: string;
    let jwtAudience: readonly string[];
    if (config.auth.mode === "cognito") {
      const users = new UserDirectory(this, "Users", {
        stage,
        ...(config.signIn?.mode === "cognito" ? { signIn: config.signIn } : {}),
      });
      jwtIssuer = users.issuer;
      jwtAudience = [users.client.userPoolClientId];
      new CfnOutput(this, "UserPoolId", { value: users.userPool.userPoolId });
      new CfnOutput(this, "UserPoolClientId", { value: users.client.userPoolClientId });
    } else {
      jwtIssuer = config.auth.issuer;
      jwtAudience = config.auth.audience;
    }
    this.pagesSignIn(api, config, jwtAudience);
    api.function.addEnvironment(ENV.oidcIssuer, jwtIssuer);
    api.function.addEnvironment(ENV.oidcAudience, jwtAudience.join(","));
    if (config.auth.mode === "oidc" && config.auth.nameClaim) {
      api.function.addEnvironment(ENV.oidcNameClaim, config.auth.nameClaim);
    }
    this.api = new HttpApi(this, "Http", { stage, handler: api.function, jwtIssuer, jwtAudience });

    new SweepSchedule(this, "SweepSchedule", { stage, sweep: sweep.function });

    const monitoring = new Monitoring(this, "Monitoring", {
      stage,
      ...(config.alarmEmail ? { alarmEmail: config.alarmEmail } : {}),
    });
    monitoring.alarmWhenPositive(
      "notify-dlq",
      notifications.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
        period: ALARM_PERIOD,
        statistic: "Maximum",
      }),
      "Notifications failed five times and wait in the dead-letter queue",
    );
    for (const [name, machine] of this.machines.machines) {
      monitoring.alarmWhenPositive(
        `${name}-failed`,
        machine.metricFailed({ period: ALARM_PERIOD, statistic: "Sum" }),
        `A ${name} execution failed`,
      );
      monitoring.alarmWhenPositive(
        `${name}-timed-out`,
        machine.metricTimedOut({ period: ALARM_PERIOD, statistic: "Sum" }),
        `A ${name} execution timed out`,
      );
    }
    monitoring.alarmWhenPositive(
      "api-5xx",
      this.api.api.metricServerError({ period: ALARM_PERIOD, statistic: "Sum" }),
      "The API answered 5xx",
    );
    monitoring.alarmWhenPositive(
      "sweep-errors",
      sweep.function.metricErrors({ period: ALARM_PERIOD, statistic: "Sum" }),
      "A sweep run failed: deadlines and reminders may be late",
    );

    new CfnOutput(this, "ApiUrl", { value: this.api.url });
    new CfnOutput(this, "TableName", { value: this.table.table.tableName });
    new CfnOutput(this, "AlarmTopicArn", { value: monitoring.topic.topicArn });
    for (const [name, machine] of this.machines.machines) {
      new CfnOutput(this, `StateMachineArn${pascal(name)}`, { value: machine.stateMachineArn });
    }
  }

  /**
   * What the pages need in the api function: the key that signs their sessions (generated here, never
   * in the template), and where sign-in is configured, the client and callback they sign in with.
   */
  private pagesSignIn(api: SocorgFunction, config: DeployConfig, audience: readonly string[]): void {
    const sessionSecret = new secretsmanager.Secret(this, "SessionSecret", {
      secretName: `socorg/${config.stage}/session`,
      description: `socorg (${config.stage}): the key that signs the pages' session cookies`,
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
    });
    Validations.of(sessionSecret).acknowledge({
      id: "AwsSolutions-SMG4",
      reason:
        "The key only signs sessions of at most eight hours; a new key signs everyone out, so it is replaced by a deploy, not on a schedule.",
    });
    sessionSecret.grantRead(api.role);
    api.function.addEnvironment(ENV.sessionSecretArn, sessionSecret.secretArn);
    const signIn = config.signIn;
    if (!signIn) return;
    api.function.addEnvironment(ENV.signInRedirectUri, signIn.redirectUri);
    api.function.addEnvironment(
      ENV.signInClientId,
      signIn.mode === "oidc" ? signIn.clientId : (audience[0] as string),
    );
    if (signIn.mode === "oidc" && signIn.clientSecretName) {
      const clientSecret = secretsmanager.Secret.fromSecretNameV2(
        this,
        "SignInClientSecret",
        signIn.clientSecretName,
      );
      clientSecret.grantRead(api.role);
      api.function.addEnvironment(ENV.signInClientSecretArn, clientSecret.secretArn);
    }
  }

  /**
   * Start executions, answer task tokens (decisions from the API, timers from the sweep) and stop the
   * executions of cases withdrawn when their organization ends.
   */
  private grantWorkflows(fn: SocorgFunction, machineArns: string[], machineNames: string[]): void {
    const executionArns = machineNames.map((name) => executionArnsFor(this, name));
    const policy = new iam.Policy(fn, "Workflows", {
      statements: [
        new iam.PolicyStatement({ actions: ["states:StartExecution"], resources: machineArns }),
        new iam.PolicyStatement({ actions: ["states:StopExecution"], resources: executionArns }),
        new iam.PolicyStatement({
          actions: ["states:SendTaskSuccess", "states:SendTaskFailure"],
          resources: ["*"],
        }),
      ],
    });
    policy.attachToRole(fn.role);
    Validations.of(policy).acknowledge({
      id: "AwsSolutions-IAM5[Resource::*]",
      reason:
        "states:SendTaskSuccess/SendTaskFailure take a task token, not a resource: IAM accepts only '*' for them.",
    });
    // The finding names each ARN as cdk-nag prints it: a pseudo parameter still unresolved in angle brackets.
    const shown = (value: string, pseudo: string) => (Token.isUnresolved(value) ? `<AWS::${pseudo}>` : value);
    const { partition, region, account } = Stack.of(this);
    const arnPrefix = `arn:${shown(partition, "Partition")}:states:${shown(region, "Region")}:${shown(account, "AccountId")}`;
    for (const name of machineNames) {
      Validations.of(policy).acknowledge({
        id: `AwsSolutions-IAM5[Resource::${arnPrefix}:execution:${name}:*]`,
        reason: `StopExecution names executions, which are ${name}:<case id>: the wildcard is this machine's executions only.`,
      });
    }
  }
}
