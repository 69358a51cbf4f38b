import { Hono } from "hono";
import { handle } from "hono/aws-lambda";
import { describe, expect, it } from "vitest";
import { type AppEnv, authMiddleware, requireRole } from "./auth.js";
import { handleError } from "./errors.js";
import { apiGatewayRequestId, authorizerClaims } from "./lambda-context.js";
import { requestLog } from "./request-log.js";

type LambdaResult = { statusCode: number; body: string; headers?: Record<string, string> };

const quiet = { info() {}, warn() {}, error() {} };

/** A small app with the Lambda entry's middleware: who calls, and a route only a regulator may use. */
function app() {
  const app = new Hono<AppEnv>();
  app.onError(handleError);
  app.use("*", requestLog(quiet, apiGatewayRequestId));
  app.use("*", authMiddleware(authorizerClaims));
  app.get("/me", (c) => c.json({ principal: c.get("principal") ?? null }));
  app.get("/queue", requireRole("regulator"), (c) => c.json({ ok: true }));
  return app;
}

/** What API Gateway's JWT authorizer puts on the event, as Hono's adapter hands it to the app. */
const withClaims = (claims: unknown) => ({ event: { requestContext: { authorizer: { jwt: { claims } } } } });

async function principal(env: unknown) {
  const res = await app().request("/me", {}, env);
  return ((await res.json()) as { principal: unknown }).principal;
}

describe("the Lambda entry's claims", () => {
  it("a regulator's claims become a regulator of that jurisdiction", async () => {
    expect(await principal(withClaims({ sub: "o1", role: "regulator", jurisdiction: "310114" }))).toEqual({
      role: "regulator",
      sub: "o1",
      jurisdiction: "310114",
    });
  });

  it("reads `custom:` claims as Cognito issues them", async () => {
    const claims = { sub: "u1", "custom:role": "org", "custom:uscc": "51310114MJ0000001X" };
    expect(await principal(withClaims(claims))).toEqual({
      role: "org",
      sub: "u1",
      uscc: "51310114MJ0000001X",
    });
    expect(
      await principal(withClaims({ sub: "a1", "custom:role": "regulator", "custom:jurisdiction": "310000" })),
    ).toEqual({ role: "regulator", sub: "a1", jurisdiction: "310000" });
  });

  it("a plain claim wins over its `custom:` twin", async () => {
    expect(await principal(withClaims({ sub: "a1", role: "admin", "custom:role": "org" }))).toEqual({
      role: "admin",
      sub: "a1",
    });
  });

  it("no event, no authorizer or no claims is nobody", async () => {
    expect(await principal(undefined)).toBeNull();
    expect(await principal({ event: { requestContext: {} } })).toBeNull();
    expect(await principal({ event: { requestContext: { authorizer: { jwt: {} } } } })).toBeNull();
    expect(await principal(withClaims({}))).toBeNull();
  });

  it.each([
    ["claims that are not an object", "role=admin"],
    ["claims that are null", null],
    ["no sub", { role: "admin" }],
    ["an empty sub", { sub: "", role: "admin" }],
    ["a role that is not a string", { sub: "x", role: ["admin"] }],
    ["a role we do not know", { sub: "x", role: "superuser" }],
    ["a regulator without a jurisdiction", { sub: "x", role: "regulator" }],
    ["a jurisdiction that is not six digits", { sub: "x", role: "regulator", jurisdiction: "31011X" }],
    ["a numeric jurisdiction", { sub: "x", role: "regulator", jurisdiction: 310114 }],
  ])("%s is nobody", async (_, claims) => {
    expect(await principal(withClaims(claims))).toBeNull();
  });

  it("a route for a role answers 401 without valid claims and 403 for another role", async () => {
    const a = app();
    expect((await a.request("/queue", {}, withClaims({ sub: "x", role: "superuser" }))).status).toBe(401);
    expect((await a.request("/queue", {}, withClaims({ sub: "x", role: "admin" }))).status).toBe(403);
    const ok = await a.request(
      "/queue",
      {},
      withClaims({ sub: "x", role: "regulator", jurisdiction: "310114" }),
    );
    expect(ok.status).toBe(200);
  });

  it("through the Lambda adapter, from an API Gateway event with the authorizer's claims", async () => {
    const event = {
      version: "2.0",
      routeKey: "$default",
      rawPath: "/me",
      rawQueryString: "",
      headers: { host: "api.example.gov.cn" },
      isBase64Encoded: false,
      requestContext: {
        requestId: "gw-req-1",
        domainName: "api.example.gov.cn",
        http: { method: "GET", path: "/me", protocol: "HTTP/1.1", sourceIp: "127.0.0.1", userAgent: "t" },
        authorizer: {
          jwt: { claims: { sub: "o2", "custom:role": "regulator", "custom:jurisdiction": "310114" } },
        },
      },
    };
    const res = (await handle(app())(event as never, {} as never)) as unknown as LambdaResult;
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body)).toEqual({
      principal: { role: "regulator", sub: "o2", jurisdiction: "310114" },
    });
    expect(res.headers?.["x-request-id"]).toBe("gw-req-1");
  });
});
