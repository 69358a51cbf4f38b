import { handle } from "hono/aws-lambda";
import { describe, expect, it } from "vitest";
import type { Deps } from "../../shared/usecases/support/deps.js";
import { createApp } from "./app.js";
import { apiGatewayRequestId } from "./lambda-context.js";

type LambdaResult = { statusCode: number; body: string; headers?: Record<string, string> };

/** The real app with a logger that keeps its lines; no route here reaches the store. */
function appLogging(requestId?: typeof apiGatewayRequestId) {
  const lines: { level: string; message: string; extra?: Record<string, unknown> }[] = [];
  const keep = (level: string) => (message: string, extra?: Record<string, unknown>) =>
    lines.push({ level, message, extra });
  const deps = { log: { info: keep("info"), warn: keep("warn"), error: keep("error") } } as unknown as Deps;
  const app = createApp({
    deps,
    authenticate: async () => undefined,
    ...(requestId ? { requestId } : {}),
    extend: (a) =>
      a.get("/boom", () => {
        throw new Error("the disk is on fire");
      }),
  });
  return { app, lines };
}

describe("an unhandled error", () => {
  it("on the local server is logged with the id the response carries", async () => {
    const { app, lines } = appLogging();
    const res = await app.request("/boom");
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ error: { code: "internal", message: "internal error" } });
    const id = res.headers.get("x-request-id");
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: "error",
      message: "unhandled error",
      extra: { requestId: id, error: "Error: the disk is on fire" },
    });
  });

  it("in the Lambda is logged with API Gateway's request id", async () => {
    const { app, lines } = appLogging(apiGatewayRequestId);
    const event = {
      version: "2.0",
      routeKey: "$default",
      rawPath: "/boom",
      rawQueryString: "",
      headers: { host: "api.example.gov.cn" },
      isBase64Encoded: false,
      requestContext: {
        requestId: "Zx9aYhKJSQ0EJfA=",
        domainName: "api.example.gov.cn",
        http: { method: "GET", path: "/boom", protocol: "HTTP/1.1", sourceIp: "127.0.0.1", userAgent: "t" },
      },
    };
    const res = (await handle(app)(event as never, {} as never)) as unknown as LambdaResult;
    expect(res.statusCode).toBe(500);
    expect(res.headers?.["x-request-id"]).toBe("Zx9aYhKJSQ0EJfA=");
    expect(lines.map((l) => [l.message, l.extra?.requestId])).toEqual([
      ["unhandled error", "Zx9aYhKJSQ0EJfA="],
    ]);
  });

  it("two requests get two ids", async () => {
    const { app } = appLogging();
    const [a, b] = await Promise.all([app.request("/health"), app.request("/health")]);
    expect(a?.headers.get("x-request-id")).not.toBe(b?.headers.get("x-request-id"));
  });
});
