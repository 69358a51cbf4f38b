import { randomUUID } from "node:crypto";
import type { ExecutionRecord, ExecutionRecords } from "../../shared/ports/executions.js";
import { TaskTokenGoneError, type Workflows } from "../../shared/ports/workflows.js";
import { LAMBDA_INVOKE, LAMBDA_INVOKE_WAIT, type StateMachineDefinition } from "../../workflows/asl.js";
import { type WorkflowName, workflows } from "../../workflows/index.js";

// aws-local-stepfunctions uses Promise.withResolvers, which Node 20 lacks.
if (typeof (Promise as { withResolvers?: unknown }).withResolvers !== "function") {
  Object.defineProperty(Promise, "withResolvers", {
    configurable: true,
    writable: true,
    value<T>() {
      let resolve!: (v: T | PromiseLike<T>) => void;
      let reject!: (e: unknown) => void;
      const promise = new Promise<T>((ok, fail) => {
        resolve = ok;
        reject = fail;
      });
      return { promise, resolve, reject };
    },
  });
}

const { StateMachine } = await import("aws-local-stepfunctions");

export type StepRunner = (payload: unknown) => Promise<unknown>;

/** Node's timers overflow above 2^31-1 ms; human waits are enforced by deadlines in the store anyway. */
const MAX_LOCAL_TIMEOUT_SECONDS = 2_000_000;

interface Waiter {
  resolve(output: unknown): void;
  reject(error: Error): void;
}

interface Prepared {
  definition: StateMachineDefinition;
  machine: InstanceType<typeof StateMachine>;
  waitingStates: Set<string>;
  stepOfState: Map<string, string>;
}

/** Reads the step a Task state calls from its `${Step_<name>}` function name. */
function stepNameOf(stateName: string, state: Record<string, unknown>, known: Map<string, string>): string {
  const params = state.Parameters as { FunctionName?: unknown } | undefined;
  const fn = typeof params?.FunctionName === "string" ? params.FunctionName : "";
  const m = /^\$\{(Step_[A-Za-z0-9_]+)\}$/.exec(fn);
  const step = m?.[1] ? known.get(m[1]) : undefined;
  if (!step)
    throw new Error(
      `Task state ${stateName} calls ${fn || "no function"}, which the local engine cannot serve`,
    );
  return step;
}

/** The lambda:invoke integration hands the function only its `Payload` parameter. */
const lambdaPayload = (params: unknown): unknown => (params as { Payload?: unknown } | null)?.Payload;

/**
 * Runs the workflows' ASL with aws-local-stepfunctions, in process. The library has no task tokens and
 * no persistence, so this engine mints tokens, parks executions on them, records each parked state with
 * its input, and after a restart resumes the definition from that state.
 */
export class LocalWorkflowEngine implements Workflows {
  private readonly prepared = new Map<string, Prepared>();
  private readonly waiters = new Map<string, Waiter>();
  private readonly aborts = new Set<() => void>();
  /** Each execution running in this process, with the token it is parked on, if it is. */
  private readonly live = new Map<string, { abort: () => void; token?: string }>();
  /** Executions being stopped, with why. */
  private readonly stopping = new Map<string, string>();
  private running = 0;
  private idle: Array<() => void> = [];
  private stopped = false;
  private readonly failures: Error[] = [];
  /** The (state, input) each execution's record resumes from, so parking there again writes nothing. */
  private readonly recorded = new Map<string, string>();

  constructor(
    private readonly steps: Record<string, StepRunner>,
    private readonly records: ExecutionRecords,
    specs: Record<string, { definition: StateMachineDefinition }> = workflows,
  ) {
    const known = new Map(Object.keys(steps).map((s) => [`Step_${s.replaceAll("-", "_")}`, s]));
    for (const [name, spec] of Object.entries(specs)) {
      const definition = structuredClone(spec.definition);
      const waitingStates = new Set<string>();
      const stepOfState = new Map<string, string>();
      for (const [stateName, state] of Object.entries(definition.States)) {
        if (state.Type !== "Task") continue;
        if (state.Resource === LAMBDA_INVOKE_WAIT) {
          waitingStates.add(stateName);
          const t = Number(state.TimeoutSeconds ?? MAX_LOCAL_TIMEOUT_SECONDS);
          state.TimeoutSeconds = Math.min(t, MAX_LOCAL_TIMEOUT_SECONDS);
        } else if (state.Resource !== LAMBDA_INVOKE) {
          throw new Error(
            `Task state ${stateName} of ${name} uses ${String(state.Resource)}, which the local engine cannot serve`,
          );
        } else if (state.TimeoutSeconds === undefined) {
          state.TimeoutSeconds = 300;
        }
        stepOfState.set(stateName, stepNameOf(stateName, state, known));
      }
      const machine = new StateMachine(definition as never, { validationOptions: { checkArn: false } });
      this.prepared.set(name, { definition, machine, waitingStates, stepOfState });
    }
  }

  async start(workflow: WorkflowName, executionName: string, input: Record<string, unknown>): Promise<void> {
    const prepared = this.prepared.get(workflow);
    if (!prepared) throw new Error(`unknown workflow ${workflow}`);
    const created = await this.records.create({
      name: executionName,
      workflow,
      status: "running",
      stateInput: input,
    });
    if (created) this.run(workflow, executionName, input, prepared.definition.StartAt);
  }

  /** Executions left running or waiting by an earlier process start again from where they stood. */
  async resumeAll(): Promise<number> {
    let resumed = 0;
    for await (const record of this.records.active()) {
      const prepared = this.prepared.get(record.workflow);
      if (!prepared) continue;
      this.run(
        record.workflow,
        record.name,
        record.stateInput,
        record.waitingState ?? prepared.definition.StartAt,
      );
      resumed++;
    }
    return resumed;
  }

  private async finish(record: ExecutionRecord): Promise<void> {
    this.recorded.delete(record.name);
    if (!this.stopped) await this.records.save(record);
  }

  private run(workflow: WorkflowName, name: string, input: unknown, from: string): void {
    const prepared = this.prepared.get(workflow) as Prepared;
    const machine =
      from === prepared.definition.StartAt
        ? prepared.machine
        : new StateMachine({ ...prepared.definition, StartAt: from } as never, {
            validationOptions: { noValidate: true },
          });
    const entered = new Map<string, unknown>();
    const handlers: Record<string, (payload: unknown) => Promise<unknown>> = {};
    for (const [stateName, step] of prepared.stepOfState) {
      const runner = this.steps[step] as StepRunner;
      if (prepared.waitingStates.has(stateName)) {
        handlers[stateName] = (params) =>
          this.park(workflow, name, stateName, lambdaPayload(params), runner, entered);
      } else {
        handlers[stateName] = async (params) => ({
          StatusCode: 200,
          Payload: await runner(lambdaPayload(params)),
        });
      }
    }
    const context = {
      Execution: { Id: `local:${workflow}:${name}`, Name: name },
      Task: {
        get Token() {
          return `local-token-${randomUUID()}`;
        },
      },
    };
    this.recorded.set(name, JSON.stringify([from, input]));
    this.busy(+1);
    const execution = machine.run(input as never, {
      overrides: { taskResourceLocalHandlers: handlers as never },
      context: context as never,
      noThrowOnAbort: true,
    });
    this.aborts.add(execution.abort);
    this.live.set(name, { abort: execution.abort });
    void (async () => {
      for await (const event of execution.eventLogs) {
        if (event.type === "StateEntered") entered.set(event.state.name, event.state.input);
      }
    })();
    const stopped = () => {
      const because = this.stopping.get(name);
      return because === undefined
        ? undefined
        : this.finish({ name, workflow, status: "stopped", stoppedBecause: because });
    };
    execution.result
      .then(
        () => stopped() ?? this.finish({ name, workflow, status: "succeeded" }),
        (error: Error) => {
          const ended = stopped();
          if (ended) return ended;
          this.failures.push(error);
          return this.finish({ name, workflow, status: "failed", error: String(error.message) });
        },
      )
      .catch((error: Error) => this.failures.push(error))
      .finally(() => {
        this.aborts.delete(execution.abort);
        this.live.delete(name);
        this.stopping.delete(name);
        this.busy(-1);
      });
  }

  private async park(
    workflow: WorkflowName,
    name: string,
    stateName: string,
    payload: unknown,
    runner: StepRunner,
    entered: Map<string, unknown>,
  ): Promise<unknown> {
    // The StateEntered event for this state is queued before the handler runs; let the reader take it.
    await new Promise((r) => setImmediate(r));
    const token = (payload as { taskToken?: string }).taskToken;
    if (!token) throw new Error(`state ${stateName} of ${workflow} passes no taskToken`);
    const answered = new Promise<unknown>((resolve, reject) => this.waiters.set(token, { resolve, reject }));
    const live = this.live.get(name);
    if (live) live.token = token;
    const stateInput = entered.get(stateName);
    const position = JSON.stringify([stateName, stateInput]);
    // An execution parked where its record already resumes from (its first state, or after a restart) needs no write.
    if (this.recorded.get(name) !== position) {
      await this.records.save({ name, workflow, status: "waiting", waitingState: stateName, stateInput });
      this.recorded.set(name, position);
    }
    await runner(payload);
    this.busy(-1);
    try {
      return await answered;
    } finally {
      this.waiters.delete(token);
    }
  }

  private answer(token: string, fn: (w: Waiter) => void): void {
    const waiter = this.waiters.get(token);
    if (!waiter) throw new TaskTokenGoneError(`no execution waits on token ${token}`);
    this.waiters.delete(token);
    this.busy(+1);
    fn(waiter);
  }

  async sendTaskSuccess(token: string, output: Record<string, unknown>): Promise<void> {
    this.answer(token, (w) => w.resolve(output));
  }

  async sendTaskFailure(token: string, error: string, cause: string): Promise<void> {
    this.answer(token, (w) => {
      const e = new Error(cause);
      e.name = error;
      w.reject(e);
    });
  }

  async stopExecution(_workflow: WorkflowName, executionName: string, cause: string): Promise<void> {
    // Every execution not ended runs in this process (resumeAll), so one not live here has ended.
    const live = this.live.get(executionName);
    if (!live || this.stopping.has(executionName)) return;
    this.stopping.set(executionName, cause);
    // A parked execution counts as busy again until its end is recorded.
    if (live.token && this.waiters.delete(live.token)) this.busy(+1);
    live.abort();
  }

  private busy(delta: number): void {
    this.running += delta;
    if (this.running <= 0) {
      this.running = 0;
      const waiting = this.idle;
      this.idle = [];
      for (const done of waiting) done();
    }
  }

  /** Resolves once every execution has parked on a task or ended. */
  settled(): Promise<void> {
    if (this.running === 0) return Promise.resolve();
    return new Promise((ok) => this.idle.push(ok));
  }

  /** The names of the executions still running or waiting (for tests and the console). */
  async activeExecutionNames(): Promise<string[]> {
    const names: string[] = [];
    for await (const record of this.records.active()) names.push(record.name);
    return names;
  }

  /** Errors executions ended with in this process (for tests and the console). */
  get executionFailures(): readonly Error[] {
    return this.failures;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const abort of this.aborts) abort();
    this.aborts.clear();
  }
}
