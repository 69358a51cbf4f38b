import { Duration, Stack, Validations } from "aws-cdk-lib";
import * as iam from "aws-cdk-lib/aws-iam";
import { SqsEventSource } from "aws-cdk-lib/aws-lambda-event-sources";
import * as secretsmanager from "aws-cdk-lib/aws-secretsmanager";
import * as sqs from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";
import type { EmailConfig, SmsConfig } from "../config.js";
import { ENV } from "../environment.js";
import { resourceName } from "./naming.js";
import type { SocorgFunction } from "./socorg-function.js";

/** A message fails this often (throttled provider, bad address) before it waits in the DLQ. */
export const NOTIFY_MAX_RECEIVE_COUNT = 5;
/** The notify Lambda's timeout; the queue hides a message six times as long, as AWS advises. */
export const NOTIFY_TIMEOUT = Duration.seconds(30);

export interface NotificationsProps {
  stage: string;
  email: EmailConfig;
  sms: SmsConfig;
}

/**
 * The outbox's way out on AWS: a queue the api, sweep and steps enqueue to, a DLQ behind it, and the
 * notify Lambda that drains it through SES or SMTP and SNS SMS or a domestic SMS provider.
 */
export class Notifications extends Construct {
  readonly queue: sqs.Queue;
  readonly deadLetterQueue: sqs.Queue;

  constructor(
    scope: Construct,
    id: string,
    private readonly props: NotificationsProps,
  ) {
    super(scope, id);
    this.deadLetterQueue = new sqs.Queue(this, "DeadLetterQueue", {
      queueName: resourceName(props.stage, "notify-dlq"),
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.queue = new sqs.Queue(this, "Queue", {
      queueName: resourceName(props.stage, "notify"),
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      visibilityTimeout: Duration.seconds(NOTIFY_TIMEOUT.toSeconds() * 6),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: NOTIFY_MAX_RECEIVE_COUNT },
    });
  }

  /** Lets a function put messages on the queue. */
  grantEnqueue(fn: SocorgFunction): void {
    this.queue.grantSendMessages(fn.role);
  }

  /** Subscribes the notify Lambda to the queue and gives it the configured channels. */
  attachDispatcher(fn: SocorgFunction): void {
    fn.function.addEventSource(
      new SqsEventSource(this.queue, {
        batchSize: 10,
        reportBatchItemFailures: true,
        // Email and SMS providers rate-limit senders; a few concurrent batches are plenty.
        maxConcurrency: 5,
      }),
    );
    const { email, sms } = this.props;
    const stack = Stack.of(this);

    if (email.channel === "ses") {
      const domain = email.from.slice(email.from.indexOf("@") + 1);
      const identityArn = (identity: string) =>
        stack.formatArn({ service: "ses", resource: "identity", resourceName: identity });
      fn.role.addToPrincipalPolicy(
        new iam.PolicyStatement({
          actions: ["ses:SendEmail", "ses:SendRawEmail"],
          resources: [identityArn(domain), identityArn(email.from)],
        }),
      );
      fn.function.addEnvironment(ENV.emailFrom, email.from);
    } else {
      const secret = secretsmanager.Secret.fromSecretNameV2(this, "SmtpSecret", email.secretName);
      secret.grantRead(fn.role);
      fn.function.addEnvironment(ENV.smtpSecretArn, secret.secretArn);
      if (email.from) fn.function.addEnvironment(ENV.emailFrom, email.from);
    }

    if (sms.channel === "sns") {
      const sendSms = new iam.Policy(this, "SendSms", {
        statements: [new iam.PolicyStatement({ actions: ["sns:Publish"], resources: ["*"] })],
      });
      sendSms.attachToRole(fn.role);
      Validations.of(sendSms).acknowledge({
        id: "AwsSolutions-IAM5[Resource::*]",
        reason:
          "SMS goes to a phone number, which has no ARN: sns:Publish to a phone number can only name '*'.",
      });
    } else {
      const secret = secretsmanager.Secret.fromSecretNameV2(this, "SmsSecret", sms.secretName);
      secret.grantRead(fn.role);
      fn.function.addEnvironment(ENV.smsSecretArn, secret.secretArn);
    }
  }
}
