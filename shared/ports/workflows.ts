import type { WorkflowName } from "../../workflows/index.js";

/** Starts workflow executions and answers the task tokens their waiting states hand out. */
export interface Workflows {
  /** Starts an execution; starting the same name twice is a no-op (executions are idempotent by name). */
  start(workflow: WorkflowName, executionName: string, input: Record<string, unknown>): Promise<void>;
  sendTaskSuccess(token: string, output: Record<string, unknown>): Promise<void>;
  sendTaskFailure(token: string, error: string, cause: string): Promise<void>;
  /** Stops an execution that runs or waits; one that has ended, or never started, is left as it is. */
  stopExecution(workflow: WorkflowName, executionName: string, cause: string): Promise<void>;
}

/** Thrown by an adapter when a token no longer belongs to a waiting execution. */
export class TaskTokenGoneError extends Error {
  override name = "TaskTokenGoneError";
}
