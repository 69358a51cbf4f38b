import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { freePort } from "../../infra/local/dynamodb-local.js";
import { application } from "./harness.js";

const dataDir = mkdtempSync(join(tmpdir(), "socorg-restart-"));
let child: ChildProcess | undefined;

afterAll(() => {
  child?.kill("SIGKILL");
  rmSync(dataDir, { recursive: true, force: true });
});

/** `npm start`'s entry as a separate process, on its own data directory. */
async function startRuntime(port: number): Promise<ChildProcess> {
  const proc = spawn(process.execPath, ["--import", "tsx", "infra/local/main.ts"], {
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: dataDir,
      SEED: "0",
      NOW: "2025-03-03T09:00:00+08:00",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  proc.stdout?.on("data", (d: Buffer) => (output += d));
  proc.stderr?.on("data", (d: Buffer) => (output += d));
  // Up to three minutes: tsx compiles the entry and Java starts, slowly on a loaded machine.
  for (let i = 0; i < 1800; i++) {
    if (proc.exitCode !== null) throw new Error(`runtime exited: ${output}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health`)).ok) return proc;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  proc.kill("SIGKILL");
  throw new Error(`runtime did not start: ${output}`);
}

const javaOf = () => spawnSync("pgrep", ["-f", `dbPath ${dataDir}`], { encoding: "utf8" }).stdout.trim();

async function call<T>(port: number, method: string, path: string, token?: string, body?: unknown) {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as T };
}

async function eventually<T>(fn: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 300; i++) {
    const v = await fn();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("condition not met in 30 s");
}

// Two starts of Java and the runtime: on a loaded machine each can take minutes.
it("a review task open when the runtime is killed is decided after a restart, and the case completes", async () => {
  const port = await freePort();
  child = await startRuntime(port);
  expect(javaOf()).not.toBe("");
  const orgToken = (
    await call<{ token: string }>(port, "POST", "/dev/tokens", undefined, { role: "org", sub: "f1" })
  ).body.token;
  const officer = (
    await call<{ token: string }>(port, "POST", "/dev/tokens", undefined, {
      role: "regulator",
      sub: "o1",
      jurisdiction: "310114",
    })
  ).body.token;
  const { caseId } = (await call<{ caseId: string }>(port, "POST", "/registrations", orgToken, application()))
    .body;
  const taskId = await eventually(async () => {
    const q = await call<{ items: { taskId: string; caseId: string }[] }>(
      port,
      "GET",
      "/tasks?queue=registration",
      officer,
    );
    return q.body.items.find((t) => t.caseId === caseId)?.taskId;
  });

  child.kill("SIGKILL");
  await new Promise((r) => child?.once("exit", r));
  // The DynamoDB Local guard notices its parent is gone and stops Java: no orphan.
  await eventually(async () => (javaOf() === "" ? true : undefined));

  child = await startRuntime(port);
  const decided = await call(port, "POST", `/tasks/${taskId}/decision`, officer, { outcome: "approve" });
  expect(decided.status).toBe(200);
  const view = await eventually(async () => {
    const v = await call<{ status: string; uscc?: string }>(port, "GET", `/cases/${caseId}`, orgToken);
    return v.body.status === "approved" ? v.body : undefined;
  });
  expect(view.uscc).toMatch(/^52310114M/);

  child.kill("SIGTERM");
  await new Promise((r) => child?.once("exit", r));
  expect(javaOf()).toBe("");
}, 420_000);
