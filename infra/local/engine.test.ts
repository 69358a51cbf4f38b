import { randomBytes } from "node:crypto";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { TaskTokenGoneError } from "../../shared/ports/workflows.js";
import { ensureTable } from "../../shared/store/create-table.js";
import { DynamoExecutionRecords } from "../../shared/store/dynamo-executions.js";
import { awaitTask, invokeStep, type StateMachineDefinition } from "../../workflows/asl.js";
import { LocalWorkflowEngine } from "./engine.js";

const client = new DynamoDBClient({
  endpoint: inject("dynamoEndpoint"),
  region: "local",
  credentials: { accessKeyId: "local", secretAccessKey: "local" },
});
const table = `engine_${randomBytes(4).toString("hex")}`;

beforeAll(() => ensureTable(client, table));
afterAll(() => client.destroy());

/** Waits for a person, then records what they said. */
const definition: StateMachineDefinition = {
  StartAt: "Await",
  States: {
    Await: awaitTask({
      payload: { "id.$": "$.id" },
      resultPath: "$.answer",
      next: "Record",
      catchNext: "Failed",
    }),
    Record: invokeStep("record", {
      payload: { "id.$": "$.id", "answer.$": "$.answer" },
      resultPath: "$.recorded",
      catchNext: "Failed",
    }),
    Failed: { Type: "Fail", Error: "Failed" },
  },
};

function harness(records = new DynamoExecutionRecords(client, table)) {
  const tokens: string[] = [];
  const tokenOf = new Map<string, string>();
  const recorded: unknown[] = [];
  const steps = {
    "open-task": async (payload: unknown) => {
      const { taskToken, id } = payload as { taskToken: string; id: string };
      tokens.push(taskToken);
      tokenOf.set(id, taskToken);
      return {};
    },
    record: async (payload: unknown) => {
      recorded.push(payload);
      return { ok: true };
    },
  };
  const engine = new LocalWorkflowEngine(steps, records, { demo: { definition } });
  return { engine, tokens, tokenOf, recorded };
}

describe("local workflow engine", () => {
  it("parks on a task token and continues with the answer", async () => {
    const { engine, tokens, recorded } = harness();
    await engine.start("demo" as never, "exec-1", { id: "a" });
    await engine.settled();
    expect(tokens).toHaveLength(1);
    await engine.sendTaskSuccess(tokens[0] as string, { outcome: "yes" });
    await engine.settled();
    expect(recorded).toEqual([{ id: "a", answer: { outcome: "yes" } }]);
    await expect(engine.sendTaskSuccess(tokens[0] as string, {})).rejects.toBeInstanceOf(TaskTokenGoneError);
  });

  it("an execution parked in its first state is not written again until it ends", async () => {
    const records = new DynamoExecutionRecords(client, table);
    const saved: string[] = [];
    const save = records.save.bind(records);
    records.save = async (record) => {
      saved.push(`${record.status}${record.waitingState ? ` at ${record.waitingState}` : ""}`);
      await save(record);
    };
    const { engine, tokens } = harness(records);
    await engine.start("demo" as never, "exec-first-state", { id: "f" });
    await engine.settled();
    expect(saved).toEqual([]);
    await engine.sendTaskSuccess(tokens[0] as string, { outcome: "yes" });
    await engine.settled();
    expect(saved).toEqual(["succeeded"]);
  });

  it("starting the same execution name twice runs it once", async () => {
    const { engine, tokens } = harness();
    await engine.start("demo" as never, "exec-2", { id: "b" });
    await engine.start("demo" as never, "exec-2", { id: "b" });
    await engine.settled();
    expect(tokens).toHaveLength(1);
    await engine.stop();
  });

  it("a new engine resumes a waiting execution from its state, with a new token", async () => {
    const first = harness();
    await first.engine.start("demo" as never, "exec-3", { id: "c" });
    await first.engine.settled();
    await first.engine.stop();

    const second = harness();
    const resumed = await second.engine.resumeAll();
    await second.engine.settled();
    expect(resumed).toBeGreaterThanOrEqual(1);
    const token = second.tokenOf.get("c") as string;
    expect(token).not.toBe(first.tokens[0]);
    await second.engine.sendTaskSuccess(token, { outcome: "later" });
    await second.engine.settled();
    expect(second.recorded).toContainEqual({ id: "c", answer: { outcome: "later" } });
  });

  it("after a restart every waiting execution resumes, over more than one page of records", async () => {
    // Its own table, so that the count is this test's executions alone; 3 records a page, 8 executions.
    const own = `engine_${randomBytes(4).toString("hex")}`;
    await ensureTable(client, own);
    const first = harness(new DynamoExecutionRecords(client, own, 3));
    const ids = Array.from({ length: 8 }, (_, i) => `p${i}`);
    for (const id of ids) await first.engine.start("demo" as never, `exec-${id}`, { id });
    await first.engine.settled();
    await first.engine.stop();

    const second = harness(new DynamoExecutionRecords(client, own, 3));
    expect(await second.engine.resumeAll()).toBe(8);
    await second.engine.settled();
    expect([...second.tokenOf.keys()].sort()).toEqual(ids);
    for (const id of ids)
      await second.engine.sendTaskSuccess(second.tokenOf.get(id) as string, { outcome: id });
    await second.engine.settled();
    expect(second.recorded).toHaveLength(8);

    const third = harness(new DynamoExecutionRecords(client, own, 3));
    expect(await third.engine.resumeAll()).toBe(0);
  });

  it("a stopped execution ends stopped: off the active records, its token gone, nothing after its wait run", async () => {
    const records = new DynamoExecutionRecords(client, table);
    const { engine, tokens, recorded } = harness(records);
    await engine.start("demo" as never, "exec-stop", { id: "s" });
    await engine.start("demo" as never, "exec-kept", { id: "k" });
    await engine.settled();
    await engine.stopExecution("demo" as never, "exec-stop", "withdrawn");
    await engine.stopExecution("demo" as never, "exec-stop", "withdrawn");
    await engine.stopExecution("demo" as never, "never-started", "withdrawn");
    await engine.settled();
    const active = [];
    for await (const r of records.active()) active.push(r.name);
    expect(active).not.toContain("exec-stop");
    expect(active).toContain("exec-kept");
    await expect(engine.sendTaskSuccess(tokens[0] as string, {})).rejects.toBeInstanceOf(TaskTokenGoneError);
    expect(engine.executionFailures).toEqual([]);
    // The other execution still waits and goes on.
    await engine.sendTaskSuccess(tokens[1] as string, { outcome: "yes" });
    await engine.settled();
    expect(recorded).toEqual([{ id: "k", answer: { outcome: "yes" } }]);
  });

  it("a task failure reaches the definition's Catch", async () => {
    const { engine, tokens, recorded } = harness();
    await engine.start("demo" as never, "exec-4", { id: "d" });
    await engine.settled();
    await engine.sendTaskFailure(tokens[0] as string, "Refused", "no");
    await engine.settled();
    expect(recorded).toEqual([]);
    expect(tokens).toHaveLength(1);
    expect(String(engine.executionFailures.at(-1))).toContain("Fail state");
  });

  it("refuses a definition with a Task it cannot serve", () => {
    const records = new DynamoExecutionRecords(client, table);
    const unknownStep = {
      StartAt: "X",
      States: { X: invokeStep("nowhere", { payload: {}, resultPath: null, catchNext: "X" }) },
    };
    expect(() => new LocalWorkflowEngine({}, records, { bad: { definition: unknownStep } })).toThrow(
      /cannot serve/,
    );
    const realLambda = {
      StartAt: "X",
      States: {
        X: { Type: "Task", Resource: "arn:aws:lambda:us-east-1:123456789012:function:f", End: true },
      },
    };
    expect(() => new LocalWorkflowEngine({}, records, { bad: { definition: realLambda } })).toThrow(
      /cannot serve/,
    );
  });
});
