import { Aws, type CfnElement, Duration, Stack, TimeZone, Validations } from "aws-cdk-lib";
import * as iam from "aws-cdk-lib/aws-iam";
import type { IFunction } from "aws-cdk-lib/aws-lambda";
import * as scheduler from "aws-cdk-lib/aws-scheduler";
import { LambdaInvoke } from "aws-cdk-lib/aws-scheduler-targets";
import { Construct } from "constructs";
import { resourceName } from "./naming.js";

/** How often the sweep fires due deadlines and sends reminders. */
export const SWEEP_EVERY_MINUTES = 5;

/** EventBridge Scheduler invokes the sweep Lambda every five minutes, on Asia/Shanghai time. */
export class SweepSchedule extends Construct {
  readonly schedule: scheduler.Schedule;

  constructor(scope: Construct, id: string, props: { stage: string; sweep: IFunction }) {
    super(scope, id);
    const role = new iam.Role(this, "Role", {
      description: `Lets ${resourceName(props.stage, "sweep")} schedule invoke the sweep`,
      assumedBy: new iam.ServicePrincipal("scheduler.amazonaws.com", {
        conditions: { StringEquals: { "aws:SourceAccount": Aws.ACCOUNT_ID } },
      }),
    });
    this.schedule = new scheduler.Schedule(this, "Schedule", {
      scheduleName: resourceName(props.stage, "sweep"),
      description: "Fires due deadlines, reminders and risk alerts",
      schedule: scheduler.ScheduleExpression.cron({
        minute: `0/${SWEEP_EVERY_MINUTES}`,
        timeZone: TimeZone.ASIA_SHANGHAI,
      }),
      // A missed run is made good by the next one, so a run is never worth delivering late.
      target: new LambdaInvoke(props.sweep, {
        role,
        retryAttempts: 2,
        maxEventAge: Duration.minutes(SWEEP_EVERY_MINUTES),
      }),
    });
    const sweepLogicalId = Stack.of(this).getLogicalId(props.sweep.node.defaultChild as CfnElement);
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${sweepLogicalId}.Arn>:*]`,
      reason:
        "LambdaInvoke grants the sweep function and its versions (<arn>:*); the wildcard never reaches another function.",
    });
  }
}
