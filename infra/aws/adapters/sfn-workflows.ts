import {
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  InvalidToken,
  SendTaskFailureCommand,
  SendTaskSuccessCommand,
  type SFNClient,
  StartExecutionCommand,
  StopExecutionCommand,
  TaskDoesNotExist,
  TaskTimedOut,
} from "@aws-sdk/client-sfn";
import { TaskTokenGoneError, type Workflows } from "../../../shared/ports/workflows.js";
import type { WorkflowName } from "../../../workflows/index.js";
import { stateMachineArnVariable } from "../environment.js";

const gone = (error: unknown) =>
  error instanceof TaskTimedOut || error instanceof TaskDoesNotExist || error instanceof InvalidToken;

/** Step Functions Standard: executions named by case, so a repeated start is a no-op. */
export function sfnWorkflows(client: SFNClient, env: Record<string, string | undefined>): Workflows {
  const arnOf = (workflow: WorkflowName) => {
    const arn = env[stateMachineArnVariable(workflow)];
    if (!arn) throw new Error(`${stateMachineArnVariable(workflow)} is not set`);
    return arn;
  };
  return {
    async start(workflow, executionName, input) {
      try {
        await client.send(
          new StartExecutionCommand({
            stateMachineArn: arnOf(workflow),
            name: executionName,
            input: JSON.stringify(input),
          }),
        );
      } catch (error) {
        if (error instanceof ExecutionAlreadyExists) return;
        throw error;
      }
    },
    async sendTaskSuccess(token, output) {
      try {
        await client.send(new SendTaskSuccessCommand({ taskToken: token, output: JSON.stringify(output) }));
      } catch (error) {
        if (gone(error)) throw new TaskTokenGoneError(String(error));
        throw error;
      }
    },
    async stopExecution(workflow, executionName, cause) {
      // An execution's ARN is its machine's, as `execution:` and with its name after.
      const executionArn = `${arnOf(workflow).replace(":stateMachine:", ":execution:")}:${executionName}`;
      try {
        // Stopping an execution that has ended changes nothing.
        await client.send(new StopExecutionCommand({ executionArn, error: "Stopped", cause }));
      } catch (error) {
        if (error instanceof ExecutionDoesNotExist) return;
        throw error;
      }
    },
    async sendTaskFailure(token, error, cause) {
      try {
        await client.send(new SendTaskFailureCommand({ taskToken: token, error, cause }));
      } catch (e) {
        if (gone(e)) throw new TaskTokenGoneError(String(e));
        throw e;
      }
    },
  };
}
