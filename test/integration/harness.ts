import { randomBytes } from "node:crypto";
import { inject } from "vitest";
import { DEFAULT_REDIRECT_URIS } from "../../infra/local/identity-provider.js";
import { createLocalRuntime, type LocalRuntime } from "../../infra/local/runtime.js";
import { demoApplication } from "../../infra/local/seed.js";
import type { Principal } from "../../shared/domain/access/policy.js";
import type { Channels } from "../../shared/ports/notifier.js";
import type { Logger } from "../../shared/usecases/support/deps.js";

export const quietLogger: Logger = { info() {}, warn() {}, error() {} };

export interface Reply<T = Record<string, unknown>> {
  status: number;
  body: T;
}

export interface Harness {
  runtime: LocalRuntime;
  tableName: string;
  call<T = Record<string, unknown>>(
    method: string,
    path: string,
    opts?: { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> },
  ): Promise<Reply<T>>;
  token(principal: Principal): Promise<string>;
  stop(): Promise<void>;
}

/** A local runtime on the shared DynamoDB Local, in a table of its own, driven through the HTTP app. */
export async function startHarness(
  opts: {
    now?: string;
    tableName?: string;
    settings?: unknown;
    channels?: Partial<Channels>;
    smtpUrl?: string;
    outboxLeaseMs?: number;
    log?: Logger;
    /** Further callbacks the local provider may send a browser to (a page test's own server). */
    redirectUris?: string[];
  } = {},
): Promise<Harness> {
  const tableName = opts.tableName ?? `t_${randomBytes(6).toString("hex")}`;
  const runtime = await createLocalRuntime({
    endpoint: inject("dynamoEndpoint"),
    tableName,
    now: opts.now ?? "2025-03-03T09:00:00+08:00",
    env: opts.settings ? { SETTINGS_JSON: JSON.stringify(opts.settings) } : {},
    log: opts.log ?? quietLogger,
    ...(opts.channels ? { channels: opts.channels } : {}),
    ...(opts.smtpUrl ? { smtpUrl: opts.smtpUrl } : {}),
    ...(opts.outboxLeaseMs ? { outboxLeaseMs: opts.outboxLeaseMs } : {}),
    // The app under test answers app.request at http://localhost, so its callback is there too.
    redirectUris: [
      ...DEFAULT_REDIRECT_URIS,
      "http://localhost/sign-in/callback",
      ...(opts.redirectUris ?? []),
    ],
  });
  return {
    runtime,
    tableName,
    async call(method, path, o = {}) {
      const headers: Record<string, string> = { ...o.headers };
      if (o.token) headers.authorization = `Bearer ${o.token}`;
      let body: string | undefined;
      if (o.rawBody !== undefined) body = o.rawBody;
      else if (o.body !== undefined) {
        body = JSON.stringify(o.body);
        headers["content-type"] = "application/json";
      }
      const res = await runtime.app.request(path, { method, headers, body });
      const text = await res.text();
      await runtime.settled();
      return { status: res.status, body: text ? JSON.parse(text) : {} } as Reply<never>;
    },
    token: (p) => runtime.tokens.issue(p),
    stop: () => runtime.stop(),
  };
}

let applications = 0;

/**
 * A complete social-service application in Jiading (嘉定区, 310114), contact of the applicant's choosing.
 * A jurisdiction holds each name once, so every application after a module's first gets a name of its own.
 */
export function application(overrides: Record<string, unknown> = {}) {
  const n = applications++;
  const name = n === 0 ? undefined : `上海市嘉定区阳光${n}号社区服务中心`;
  return demoApplication({
    contact: { email: "applicant@example.org", phone: "13800138001" },
    ...(name ? { name } : {}),
    ...overrides,
  });
}
