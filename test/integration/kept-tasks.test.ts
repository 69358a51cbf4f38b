import { DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TaskRecord } from "../../shared/domain/cases/records.js";
import { newId } from "../../shared/domain/ids.js";
import { caseKey, keptTaskAttribute, queueIndex, taskKey } from "../../shared/store/keys.js";
import { indexes } from "../../shared/store/table.js";
import { application, type Harness, startHarness } from "./harness.js";

let h: Harness;
let org: string;
let officer: string;
let doc: DynamoDBDocumentClient;

beforeAll(async () => {
  h = await startHarness({ now: "2025-03-03T09:00:00+08:00" });
  org = await h.token({ role: "org", sub: "applicant-kept" });
  officer = await h.token({ role: "regulator", sub: "officer-kept", jurisdiction: "310114" });
  doc = DynamoDBDocumentClient.from(h.runtime.dynamo);
});
afterAll(() => h.stop());

async function apply(n: number) {
  const res = await h.call<{ caseId: string }>("POST", "/registrations", {
    token: org,
    body: application({ contact: { email: `kept${n}@example.org`, phone: `1390000010${n}` } }),
  });
  expect(res.status).toBe(201);
  const view = await h.call<{ currentTask: { taskId: string } }>("GET", `/cases/${res.body.caseId}`, {
    token: org,
  });
  return { caseId: res.body.caseId, taskId: view.body.currentTask.taskId };
}

const caseItem = async (caseId: string) =>
  (await doc.send(new GetCommand({ TableName: h.tableName, Key: caseKey(caseId), ConsistentRead: true })))
    .Item as Record<string, unknown>;

const status = async (caseId: string) =>
  (await h.call<{ status: string }>("GET", `/cases/${caseId}`, { token: org })).body.status;

describe("a task kept in its case's item", () => {
  it("is on its queue, and has no item of its own", async () => {
    const { caseId, taskId } = await apply(1);
    const queue = await h.call<{ items: { taskId: string; caseId: string }[] }>(
      "GET",
      "/tasks?queue=registration&status=open",
      { token: officer },
    );
    expect(queue.body.items).toContainEqual(expect.objectContaining({ taskId, caseId }));
    const own = await doc.send(new GetCommand({ TableName: h.tableName, Key: taskKey(taskId) }));
    expect(own.Item).toBeUndefined();
    expect((await caseItem(caseId))[keptTaskAttribute(taskId)]).toMatchObject({ taskId, status: "open" });
  });

  it("a lost answer stays pending on the case and the sweep sends it again at its retry instant", async () => {
    const { caseId, taskId } = await apply(2);
    const workflows = h.runtime.deps.workflows;
    const send = workflows.sendTaskSuccess.bind(workflows);
    let lost = 0;
    workflows.sendTaskSuccess = async () => {
      lost++;
      throw new Error("connection reset");
    };
    try {
      const decided = await h.call("POST", `/tasks/${taskId}/decision`, {
        token: officer,
        body: { outcome: "approve" },
      });
      expect(decided.status).toBe(200);
    } finally {
      workflows.sendTaskSuccess = send;
    }
    expect(lost).toBe(1);
    expect(await status(caseId)).toBe("under_review");
    expect((await caseItem(caseId)).pendingAnswer).toMatchObject({ taskId });

    // Before its retry instant the sweep leaves it; after, it delivers it and the workflow moves on.
    await h.call("POST", "/admin/sweep");
    expect(await status(caseId)).toBe("under_review");
    await h.call("POST", "/admin/clock", { body: { now: "2025-03-03T09:10:00+08:00" } });
    await h.call("POST", "/admin/sweep");
    expect(await status(caseId)).toBe("approved");
    const after = await caseItem(caseId);
    expect(after.pendingAnswer).toBeUndefined();
    expect(after[indexes.due.partition]).toBeUndefined();
    expect(
      (await h.call("POST", `/tasks/${taskId}/decision`, { token: officer, body: { outcome: "approve" } }))
        .status,
    ).toBe(409);
  });

  it("an answer that arrived is dropped by the workflow's next change to the case", async () => {
    const { caseId, taskId } = await apply(3);
    const decided = await h.call("POST", `/tasks/${taskId}/decision`, {
      token: officer,
      body: { outcome: "reject", reason: "材料不实" },
    });
    expect(decided.status).toBe(200);
    expect(await status(caseId)).toBe("rejected");
    const item = await caseItem(caseId);
    expect(item.pendingAnswer).toBeUndefined();
    expect(item[keptTaskAttribute(taskId)]).toMatchObject({ status: "decided", outcome: "reject" });
  });
});

describe("a task with an item of its own, from a table written before tasks were kept in cases", () => {
  it("is listed, claimed and decided, and its workflow gets the answer", async () => {
    const { caseId, taskId: kept } = await apply(4);
    // Turn the kept task back into a task item the way older tables hold it, under an id of the old form.
    const task = (await caseItem(caseId))[keptTaskAttribute(kept)] as TaskRecord;
    const old: TaskRecord = { ...task, taskId: newId("T", new Date(task.openedAt)) };
    const queued = queueIndex.task(old);
    await doc.send(
      new PutCommand({
        TableName: h.tableName,
        Item: {
          ...taskKey(old.taskId),
          type: "task",
          ...old,
          [indexes.queue.partition]: queued.pk,
          [indexes.queue.sort]: queued.sk,
        },
      }),
    );
    await doc.send(
      new UpdateCommand({
        TableName: h.tableName,
        Key: caseKey(caseId),
        UpdateExpression: "SET currentTask = :current REMOVE #kept, #qp, #qs",
        ExpressionAttributeNames: {
          "#kept": keptTaskAttribute(kept),
          "#qp": indexes.queue.partition,
          "#qs": indexes.queue.sort,
        },
        ExpressionAttributeValues: { ":current": { step: old.step, taskId: old.taskId } },
      }),
    );

    const queue = await h.call<{ items: { taskId: string }[] }>(
      "GET",
      "/tasks?queue=registration&status=open",
      {
        token: officer,
      },
    );
    expect(queue.body.items.map((t) => t.taskId)).toContain(old.taskId);
    expect(queue.body.items.map((t) => t.taskId)).not.toContain(kept);
    expect((await h.call("POST", `/tasks/${old.taskId}/claim`, { token: officer })).status).toBe(200);
    const decided = await h.call("POST", `/tasks/${old.taskId}/decision`, {
      token: officer,
      body: { outcome: "approve" },
    });
    expect(decided.status).toBe(200);
    expect(await status(caseId)).toBe("approved");
    const own = (await doc.send(new GetCommand({ TableName: h.tableName, Key: taskKey(old.taskId) }))).Item;
    expect(own).toMatchObject({ status: "decided", claimedBy: "officer-kept" });
    expect(own?.[indexes.due.partition]).toBeUndefined();
    expect(
      (
        await h.call("POST", `/tasks/${old.taskId}/decision`, {
          token: officer,
          body: { outcome: "approve" },
        })
      ).status,
    ).toBe(409);
  });
});
