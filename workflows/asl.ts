/**
 * Typed builders for the Amazon States Language (JSONPath dialect only), shared by every workflow.
 * Lambda functions are written as `${Step_<name>}` and the partition as `${Partition}`: CDK fills them
 * with definitionSubstitutions, the local engine serves them in process.
 */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface StateMachineDefinition {
  Comment?: string;
  StartAt: string;
  TimeoutSeconds?: number;
  States: Record<string, Record<string, Json>>;
}

/** A year: long enough for any human step; statutory periods are deadlines in the store, not timeouts. */
export const HUMAN_STEP_TIMEOUT_SECONDS = 365 * 24 * 3600;

export const LAMBDA_INVOKE = "arn:${Partition}:states:::lambda:invoke";
export const LAMBDA_INVOKE_WAIT = "arn:${Partition}:states:::lambda:invoke.waitForTaskToken";

/** The substitution name under which a step's function ARN appears in a definition. */
export const stepSubstitution = (step: string): string => `Step_${step.replaceAll("-", "_")}`;

const LAMBDA_SERVICE_ERRORS = [
  "Lambda.ServiceException",
  "Lambda.AWSLambdaException",
  "Lambda.SdkClientException",
  "Lambda.TooManyRequestsException",
];

const retry = (errors: string[]): Json => [
  { ErrorEquals: errors, IntervalSeconds: 2, MaxAttempts: 4, BackoffRate: 2 },
];

/** A step's own error is worth retrying (its writes are conditional and idempotent). */
const retryStep = retry([...LAMBDA_SERVICE_ERRORS, "States.TaskFailed"]);

/** A waiting step retries only when opening it failed; an answer of failure (SendTaskFailure) is final. */
const retryOpening = retry(LAMBDA_SERVICE_ERRORS);

/** A step that runs and returns: its result lands at `resultPath`. */
export function invokeStep(
  step: string,
  opts: { payload: Record<string, Json>; resultPath: string | null; next?: string; catchNext: string },
): Record<string, Json> {
  const state: Record<string, Json> = {
    Type: "Task",
    Resource: LAMBDA_INVOKE,
    Parameters: { FunctionName: `\${${stepSubstitution(step)}}`, Payload: opts.payload },
    ResultSelector: { "result.$": "$.Payload" },
    ResultPath: opts.resultPath,
    Retry: retryStep,
    Catch: [{ ErrorEquals: ["States.ALL"], ResultPath: "$.failure", Next: opts.catchNext }],
  };
  if (opts.next) state.Next = opts.next;
  else state.End = true;
  return state;
}

/**
 * A step that waits for a person or a timer: `open-task` records the task token on a task item;
 * a decision through the API or a deadline fired by the sweep answers it.
 */
export function awaitTask(opts: {
  payload: Record<string, Json>;
  resultPath: string;
  next: string;
  catchNext: string;
}): Record<string, Json> {
  return {
    Type: "Task",
    Resource: LAMBDA_INVOKE_WAIT,
    Parameters: {
      FunctionName: `\${${stepSubstitution("open-task")}}`,
      Payload: { "taskToken.$": "$$.Task.Token", ...opts.payload },
    },
    ResultPath: opts.resultPath,
    TimeoutSeconds: HUMAN_STEP_TIMEOUT_SECONDS,
    Retry: retryOpening,
    Catch: [{ ErrorEquals: ["States.ALL"], ResultPath: "$.failure", Next: opts.catchNext }],
    Next: opts.next,
  };
}

/** Where every Catch leads: the case is flagged for an officer with the error, and the execution fails. */
export function stallStates(): Record<string, Record<string, Json>> {
  return {
    RecordStall: {
      Type: "Task",
      Resource: LAMBDA_INVOKE,
      Parameters: {
        FunctionName: `\${${stepSubstitution("record-stall")}}`,
        Payload: { "caseId.$": "$.caseId", "state.$": "$" },
      },
      Next: "Stalled",
    },
    Stalled: {
      Type: "Fail",
      Error: "CaseStalled",
      Cause: "A step failed; the case is flagged for an officer",
    },
  };
}

/**
 * 补正: the applicant's supplement step, asked for with the reason at `reasonPath`; `supplied` returns to
 * `backTo`, `expired` (the supplement deadline passed unanswered) closes the case as withdrawn.
 */
export function supplementStates(opts: {
  step: string;
  reasonPath: string;
  backTo: string;
}): StateMachineDefinition["States"] {
  return {
    AwaitSupplement: awaitTask({
      payload: { "caseId.$": "$.caseId", step: opts.step, queue: "applicant", "reason.$": opts.reasonPath },
      resultPath: "$.supplement",
      next: "RouteSupplement",
      catchNext: "RecordStall",
    }),
    RouteSupplement: {
      Type: "Choice",
      Choices: [
        { Variable: "$.supplement.outcome", StringEquals: "supplied", Next: opts.backTo },
        { Variable: "$.supplement.outcome", StringEquals: "expired", Next: "Withdraw" },
      ],
      Default: "RecordStall",
    },
    Withdraw: invokeStep("close-case", {
      payload: { "caseId.$": "$.caseId", status: "withdrawn", reason: "supplement_period_expired" },
      resultPath: null,
      catchNext: "RecordStall",
    }),
  };
}
