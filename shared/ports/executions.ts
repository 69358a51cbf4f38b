import type { WorkflowName } from "../../workflows/index.js";

/** Where an execution of the local workflow engine stands, kept so that a restart can resume it. */
export interface ExecutionRecord {
  name: string;
  workflow: WorkflowName;
  status: "running" | "waiting" | "succeeded" | "failed" | "stopped";
  /** The state it waits in; a running execution resumes from its definition's start. */
  waitingState?: string;
  /** The input of the state it resumes from. */
  stateInput?: unknown;
  error?: string;
  /** Why it was stopped (its case withdrawn …). */
  stoppedBecause?: string;
}

/** The local engine's own records of its executions (Step Functions keeps these itself on AWS). */
export interface ExecutionRecords {
  /** Records a new running execution; false when an execution of that name exists already. */
  create(record: ExecutionRecord): Promise<boolean>;
  save(record: ExecutionRecord): Promise<void>;
  /** Every execution still running or waiting, however many pages they take. */
  active(): AsyncIterable<ExecutionRecord>;
}
