import { ArnFormat, Aws, Stack, Validations } from "aws-cdk-lib";
import * as iam from "aws-cdk-lib/aws-iam";
import type { IFunction } from "aws-cdk-lib/aws-lambda";
import * as logs from "aws-cdk-lib/aws-logs";
import * as sfn from "aws-cdk-lib/aws-stepfunctions";
import { Construct } from "constructs";
import { stepSubstitution } from "../../../workflows/asl.js";
import type { WorkflowSpec } from "../../../workflows/index.js";
import { LOG_RETENTION, logRemovalPolicy, resourceName } from "./naming.js";

export const PARTITION_SUBSTITUTION = "Partition";

/** Every `${Name}` a definition refers to, in order of first use. */
export function substitutionsIn(definitionText: string): string[] {
  return [...new Set([...definitionText.matchAll(/\$\{([A-Za-z0-9_]+)\}/g)].map((m) => m[1] as string))];
}

/**
 * A state machine's ARN from its name, so Lambdas the machine invokes can know it without a reference
 * cycle (machine → function ARN, function environment → machine ARN).
 */
export function stateMachineArnFor(scope: Construct, stateMachineName: string): string {
  return Stack.of(scope).formatArn({
    service: "states",
    resource: "stateMachine",
    resourceName: stateMachineName,
    arnFormat: ArnFormat.COLON_RESOURCE_NAME,
  });
}

/** The ARNs of a state machine's executions, which StopExecution names. */
export function executionArnsFor(scope: Construct, stateMachineName: string): string {
  return Stack.of(scope).formatArn({
    service: "states",
    resource: "execution",
    resourceName: `${stateMachineName}:*`,
    arnFormat: ArnFormat.COLON_RESOURCE_NAME,
  });
}

export interface WorkflowMachinesProps {
  stage: string;
  workflows: Readonly<Record<string, WorkflowSpec>>;
  /** The Lambda of each step module, by step name (functions/steps/<name>.ts). */
  stepFunctions: ReadonlyMap<string, IFunction>;
}

/**
 * One Step Functions Standard state machine per workflow, from the very ASL the local engine runs:
 * `${Partition}` and `${Step_<name>}` are filled by definitionSubstitutions, never rewritten.
 */
export class WorkflowMachines extends Construct {
  readonly machines = new Map<string, sfn.StateMachine>();

  constructor(scope: Construct, id: string, props: WorkflowMachinesProps) {
    super(scope, id);
    for (const [name, spec] of Object.entries(props.workflows)) {
      const definitionText = JSON.stringify(spec.definition);
      const substitutions: Record<string, string> = {};
      const invoked: IFunction[] = [];
      for (const key of substitutionsIn(definitionText)) {
        if (key === PARTITION_SUBSTITUTION) {
          substitutions[key] = Aws.PARTITION;
          continue;
        }
        const step = spec.steps.find((s) => stepSubstitution(s) === key);
        const fn = step === undefined ? undefined : props.stepFunctions.get(step);
        if (!fn) {
          throw new Error(
            `workflow ${name} refers to \${${key}}, which is no step listed for it in workflows/index.ts`,
          );
        }
        substitutions[key] = fn.functionArn;
        invoked.push(fn);
      }

      const stateMachineName = resourceName(props.stage, name);
      const machine = new sfn.StateMachine(this, name, {
        stateMachineName,
        stateMachineType: sfn.StateMachineType.STANDARD,
        definitionBody: sfn.DefinitionBody.fromString(definitionText),
        definitionSubstitutions: substitutions,
        tracingEnabled: true,
        logs: {
          destination: new logs.LogGroup(this, `${name}Logs`, {
            // The vendedlogs prefix keeps CloudWatch Logs' resource policy from growing per machine.
            logGroupName: `/aws/vendedlogs/states/${stateMachineName}`,
            retention: LOG_RETENTION,
            removalPolicy: logRemovalPolicy(props.stage),
          }),
          level: sfn.LogLevel.ALL,
          includeExecutionData: false,
        },
      });
      // An ASL string gets no automatic IAM; the unqualified ARN is all the definition invokes.
      machine.addToRolePolicy(
        new iam.PolicyStatement({
          actions: ["lambda:InvokeFunction"],
          resources: invoked.map((fn) => fn.functionArn),
        }),
      );
      Validations.of(machine.role).acknowledge({
        id: "AwsSolutions-IAM5[Resource::*]",
        reason:
          "Step Functions log delivery (logs:*LogDelivery, DescribeLogGroups) and X-Ray tracing accept only '*' as resource.",
      });
      this.machines.set(name, machine);
    }
  }
}
