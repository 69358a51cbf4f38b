import { ExecutionDoesNotExist, type SFNClient, StopExecutionCommand } from "@aws-sdk/client-sfn";
import { describe, expect, it } from "vitest";
import { stateMachineArnVariable } from "../environment.js";
import { sfnWorkflows } from "./sfn-workflows.js";

const machine = "arn:aws-cn:states:cn-north-1:123456789012:stateMachine:socorg-prod-majorEventReview";
const env = { [stateMachineArnVariable("majorEventReview")]: machine };

/** Records what the adapter asks of Step Functions, and answers as the service would. */
function client(answer: (command: unknown) => unknown = () => ({})) {
  const sent: unknown[] = [];
  const fake = {
    async send(command: unknown) {
      sent.push(command);
      return answer(command);
    },
  };
  return { sent, sfn: fake as unknown as SFNClient };
}

describe("Step Functions workflows adapter", () => {
  it("stops a case's execution by the ARN Step Functions gives it: the machine's, as execution, with its name", async () => {
    const { sent, sfn } = client();
    await sfnWorkflows(sfn, env).stopExecution("majorEventReview", "EVT01JX", "deregistered");
    expect(sent).toHaveLength(1);
    expect(sent[0]).toBeInstanceOf(StopExecutionCommand);
    expect((sent[0] as StopExecutionCommand).input).toEqual({
      executionArn:
        "arn:aws-cn:states:cn-north-1:123456789012:execution:socorg-prod-majorEventReview:EVT01JX",
      error: "Stopped",
      cause: "deregistered",
    });
  });

  it("an execution that never started is left as it is; another error reaches the caller", async () => {
    const missing = client(() => {
      throw new ExecutionDoesNotExist({ message: "no such execution", $metadata: {} });
    });
    await expect(
      sfnWorkflows(missing.sfn, env).stopExecution("majorEventReview", "EVT01JX", "revoked"),
    ).resolves.toBeUndefined();
    const throttled = client(() => {
      throw new Error("Rate exceeded");
    });
    await expect(
      sfnWorkflows(throttled.sfn, env).stopExecution("majorEventReview", "EVT01JX", "revoked"),
    ).rejects.toThrow("Rate exceeded");
  });
});
