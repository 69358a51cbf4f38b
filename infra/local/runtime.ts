import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { OpenAPIHono } from "@hono/zod-openapi";
import { createApp } from "../../functions/api/app.js";
import type { AppEnv } from "../../functions/api/auth.js";
import { bearerTokens } from "../../functions/api/bearer-tokens.js";
import { stepRunners } from "../../functions/steps/index.js";
import { cookieSessions } from "../../functions/web/index.js";
import type { Principal } from "../../shared/domain/access/policy.js";
import { maskIdNumbersIn } from "../../shared/domain/identifiers/index.js";
import { outboxOnlyChannel } from "../../shared/notify/channels/outbox-only.js";
import { smtpChannel } from "../../shared/notify/channels/smtp.js";
import type { Channels } from "../../shared/ports/notifier.js";
import { loadSettingsFromEnv } from "../../shared/settings/index.js";
import { ensureTable } from "../../shared/store/create-table.js";
import { DynamoExecutionRecords } from "../../shared/store/dynamo-executions.js";
import { DynamoStore } from "../../shared/store/dynamo-store.js";
import { TABLE_NAME_DEFAULT } from "../../shared/store/table.js";
import { listRegister } from "../../shared/usecases/list-register.js";
import { rebuildStatisticsCounters } from "../../shared/usecases/rebuild-statistics-counters.js";
import { runSweep } from "../../shared/usecases/run-sweep.js";
import type { Deps, Logger } from "../../shared/usecases/support/deps.js";
import { LocalClock } from "./clock.js";
import { devRoutes, swaggerUiDistDir } from "./dev-routes.js";
import { LocalWorkflowEngine } from "./engine.js";
import { LOCAL_CLIENT_ID, LocalIdentityProvider } from "./identity-provider.js";
import { LocalNotifier } from "./notifier.js";
import { sessionSecret } from "./session-secret.js";

export interface LocalRuntimeOptions {
  endpoint: string;
  tableName?: string;
  /** Where the clock of a fresh table starts (ISO 8601 instant). */
  now?: string;
  smtpUrl?: string;
  /** Channels to use instead of the defaults (SMTP when smtpUrl is set, else the outbox itself). */
  channels?: Partial<Channels>;
  env?: Record<string, string | undefined>;
  log?: Logger;
  /** How long a deliverer holds an outbox message (a test of a slow send shortens it). */
  outboxLeaseMs?: number;
  /** Where the local provider may send a signed-in browser back to (the pages' sign-in callback). */
  redirectUris?: string[];
}

export interface LocalRuntime {
  app: OpenAPIHono<AppEnv>;
  deps: Deps;
  /** The DynamoDB client every adapter of this runtime sends through. */
  dynamo: DynamoDBClient;
  engine: LocalWorkflowEngine;
  clock: LocalClock;
  /** The local OpenID provider on loopback; it also signs `POST /dev/tokens`' tokens. */
  tokens: LocalIdentityProvider;
  /** Executions that were waiting when the last process stopped and now wait again. */
  resumed: number;
  sweep(): ReturnType<typeof runSweep>;
  /** Resolves once every workflow execution has parked on a task or ended. */
  settled(): Promise<void>;
  stop(): Promise<void>;
}

const line = (level: string, message: string, extra?: Record<string, unknown>) =>
  JSON.stringify(maskIdNumbersIn({ level, message, ...extra }));

/** JSON lines with every ID number masked. */
export const consoleLogger: Logger = {
  info: (message, extra) => console.log(line("info", message, extra)),
  warn: (message, extra) => console.warn(line("warn", message, extra)),
  error: (message, extra) => console.error(line("error", message, extra)),
};

const SIGN_IN_DIVISIONS = ["310114", "310112", "310151"];

/** The organizations whose members the local provider's sign-in page offers: the first of each demo district. */
async function demoOrganizations(deps: Deps): Promise<{ uscc: string; name: string }[]> {
  const admin: Principal = { role: "admin", sub: "sign-in" };
  const pages = await Promise.all(
    SIGN_IN_DIVISIONS.map((jurisdiction) => listRegister(deps, admin, { jurisdiction, limit: 15 })),
  );
  return pages.flatMap((p) => p.items.map((o) => ({ uscc: o.uscc, name: o.name })));
}

/** The embedded runtime's one wiring module: DynamoDB Local store, local engine, local clock and channels. */
export async function createLocalRuntime(opts: LocalRuntimeOptions): Promise<LocalRuntime> {
  loadSettingsFromEnv(opts.env ?? process.env);
  const client = new DynamoDBClient({
    endpoint: opts.endpoint,
    region: "local",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
  const tableName = opts.tableName ?? TABLE_NAME_DEFAULT;
  await ensureTable(client, tableName);
  const store = new DynamoStore(client, tableName);
  // A table from before the counters gets them before the first request reads them.
  await rebuildStatisticsCounters({ store, log: opts.log ?? consoleLogger }, { ifMissing: true });
  const clock = await LocalClock.open(store, opts.now);
  const tokens = await LocalIdentityProvider.open(
    { store, clock },
    {
      ...(opts.redirectUris ? { redirectUris: opts.redirectUris } : {}),
      organizations: () => demoOrganizations(deps),
    },
  );
  const email = opts.smtpUrl ? smtpChannel(opts.smtpUrl) : outboxOnlyChannel;
  let engine: LocalWorkflowEngine | undefined;
  const deps: Deps = {
    store,
    clock,
    channels: { email, sms: outboxOnlyChannel, ...opts.channels },
    log: opts.log ?? consoleLogger,
    notifier: new LocalNotifier(() => deps),
    ...(opts.outboxLeaseMs ? { outboxLeaseMs: opts.outboxLeaseMs } : {}),
    get workflows() {
      if (!engine) throw new Error("the workflow engine is not ready");
      return engine;
    },
  };
  engine = new LocalWorkflowEngine(stepRunners(deps), new DynamoExecutionRecords(client, tableName));
  const sweep = () => runSweep(deps);
  const app = createApp({
    deps,
    authenticate: bearerTokens(tokens.trust()),
    extend: devRoutes({ store, clock, tokens, sweep }),
    pages: {
      sessions: cookieSessions(await sessionSecret(store)),
      // The pages sign in at the local provider exactly as they would at a deployed issuer.
      signIn: { trusted: tokens.trust(), clientId: LOCAL_CLIENT_ID, clientSecret: tokens.clientSecret },
    },
    docsAssetsDir: swaggerUiDistDir(),
  });
  const resumed = await engine.resumeAll();
  // Resumed executions take their new task tokens before the first request can decide on them.
  await engine.settled();
  const running = engine;
  return {
    app,
    deps,
    dynamo: client,
    engine: running,
    clock,
    tokens,
    resumed,
    sweep,
    settled: () => running.settled(),
    async stop() {
      await running.stop();
      await tokens.stop();
      client.destroy();
    },
  };
}
