import { randomBytes } from "node:crypto";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { TaskTokenGoneError } from "../../shared/ports/workflows.js";
import { ensureTable } from "../../shared/store/create-table.js";
import { awaitTask, invokeStep, type StateMachineDefinition } from "../../workflows/asl.js";
import { LocalWorkflowEngine } from "./engine.js";

const client = new DynamoDBClient({
  endpoint: inject("dynamoEndpoint"),
  region: "local",
  credentials: { accessKeyId: "local", secretAccessKey: "local" },
});
const doc = DynamoDBDocumentClient.from(client);
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

function harness() {
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
  const engine = new LocalWorkflowEngine(steps, doc, table, { demo: { definition } });
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
    const unknownStep = {
      StartAt: "X",
      States: { X: invokeStep("nowhere", { payload: {}, resultPath: null, catchNext: "X" }) },
    };
    expect(() => new LocalWorkflowEngine({}, doc, table, { bad: { definition: unknownStep } })).toThrow(
      /cannot serve/,
    );
    const realLambda = {
      StartAt: "X",
      States: {
        X: { Type: "Task", Resource: "arn:aws:lambda:us-east-1:123456789012:function:f", End: true },
      },
    };
    expect(() => new LocalWorkflowEngine({}, doc, table, { bad: { definition: realLambda } })).toThrow(
      /cannot serve/,
    );
  });
});
