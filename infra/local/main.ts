import { resolve } from "node:path";
import { serve } from "@hono/node-server";
import { type DynamoDbLocal, startDynamoDbLocal } from "./dynamodb-local.js";
import { loadIdentityProvider } from "./identity-provider.js";
import { consoleLogger, createLocalRuntime, type LocalRuntime } from "./runtime.js";
import { seedDemoBureau } from "./seed.js";

/**
 * `npm start`: one process that owns everything it starts — DynamoDB Local (data under DATA_DIR), the
 * local workflow engine, the sweep on an interval and the HTTP app — and stops all of it on exit.
 */
const env = process.env;
const port = Number(env.PORT ?? 3000);
const dataDir = resolve(env.DATA_DIR ?? ".data");
const sweepEverySeconds = Number(env.SWEEP_INTERVAL_S ?? 60);

let ddb: DynamoDbLocal | undefined;
let runtime: LocalRuntime | undefined;
let stopping = false;

async function shutdown(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  await runtime?.stop().catch(() => {});
  await ddb?.stop().catch(() => {});
  process.exit(code);
}

process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));
process.on("uncaughtException", (error) => {
  console.error(error);
  void shutdown(1);
});

try {
  // The identity provider's imports load while Java starts.
  loadIdentityProvider().catch(() => {});
  if (!env.DYNAMODB_ENDPOINT) ddb = await startDynamoDbLocal({ dataDir });
  const endpoint = env.DYNAMODB_ENDPOINT ?? (ddb as DynamoDbLocal).endpoint;
  const local = await createLocalRuntime({
    endpoint,
    now: env.NOW,
    smtpUrl: env.SMTP_URL,
    env,
    log: consoleLogger,
    redirectUris: [`http://localhost:${port}/sign-in/callback`, `http://127.0.0.1:${port}/sign-in/callback`],
  });
  runtime = local;
  const sweep = runtime.sweep;
  const startSweeping = () => {
    const timer = setInterval(() => {
      sweep().catch((error: unknown) => consoleLogger.error("sweep failed", { error: String(error) }));
    }, sweepEverySeconds * 1000);
    timer.unref();
  };
  const app = runtime.app;
  serve({ fetch: app.fetch, port, hostname: env.HOST ?? "127.0.0.1" }, (info) => {
    console.log(
      [
        `socorg is running on http://localhost:${info.port}`,
        `  data        ${dataDir}${env.DYNAMODB_ENDPOINT ? ` (DynamoDB at ${endpoint})` : ""}`,
        `  clock       ${runtime?.clock.now().toISOString()}`,
        `  resumed     ${runtime?.resumed ?? 0} waiting workflow execution(s)`,
        `  sweep       every ${sweepEverySeconds} s (POST /admin/sweep runs it now)`,
        `  email       ${env.SMTP_URL ? "SMTP" : "outbox only (GET /outbox?to=…)"}`,
        `  sign-in     OpenID provider ${runtime?.tokens.issuer} (POST /dev/tokens signs with its key)`,
        `  API docs    http://localhost:${info.port}/docs`,
      ].join("\n"),
    );
    // The pages answer while the demo bureau fills in; the sweep waits for it, so it never lists half a seed.
    if (env.SEED === "0") return startSweeping();
    console.log("seeding the demo bureau (SEED=0 starts empty)…");
    seedDemoBureau(local)
      .then((seeded) => {
        if (seeded) console.log(`seeded the demo bureau: ${seeded}`);
        startSweeping();
      })
      .catch((error: unknown) => {
        console.error("seeding the demo bureau failed", error);
        void shutdown(1);
      });
  });
} catch (error) {
  console.error((error as Error).message);
  await shutdown(1);
}
