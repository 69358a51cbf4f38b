import { Hono } from "hono";
import { handle } from "hono/aws-lambda";
import { generateKeyPair, SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { type AppEnv, authMiddleware, requireRole } from "./auth.js";
import { bearerTokens } from "./bearer-tokens.js";
import { handleError } from "./errors.js";
import { apiGatewayRequestId } from "./lambda-context.js";
import { requestLog } from "./request-log.js";

type LambdaResult = { statusCode: number; body: string; headers?: Record<string, string> };

const quiet = { info() {}, warn() {}, error() {} };
const ISSUER = "https://id.example.gov.cn";
const { privateKey, publicKey } = await generateKeyPair("ES256");
const keys = async () => publicKey;

const token = (sub: string) =>
  new SignJWT({})
    .setProtectedHeader({ alg: "ES256", kid: "k1" })
    .setIssuer(ISSUER)
    .setAudience("socorg")
    .setSubject(sub)
    .setIssuedAt()
    .setExpirationTime("5m")
    .sign(privateKey);

/** A small app with the Lambda entry's middleware; o2 holds a regulator grant of 310114, nobody else any. */
function app() {
  const app = new Hono<AppEnv>();
  app.onError(handleError);
  app.use("*", requestLog(quiet, apiGatewayRequestId));
  app.use(
    "*",
    authMiddleware(bearerTokens({ issuer: ISSUER, audience: "socorg", keys }), async (identity) =>
      identity.sub === "o2"
        ? { role: "regulator", sub: identity.sub, jurisdiction: "310114" }
        : { role: "org", sub: identity.sub },
    ),
  );
  app.get("/me", (c) => c.json({ principal: c.get("principal") ?? null }));
  app.get("/queue", requireRole("regulator"), (c) => c.json({ ok: true }));
  return app;
}

const event = (claims: unknown, authorization?: string) => ({
  version: "2.0",
  routeKey: "$default",
  rawPath: "/queue",
  rawQueryString: "",
  headers: { host: "api.example.gov.cn", ...(authorization ? { authorization } : {}) },
  isBase64Encoded: false,
  requestContext: {
    requestId: "gw-req-1",
    domainName: "api.example.gov.cn",
    http: { method: "GET", path: "/queue", protocol: "HTTP/1.1", sourceIp: "127.0.0.1", userAgent: "t" },
    authorizer: { jwt: { claims } },
  },
});

describe("the Lambda entry", () => {
  it("trusts no claims the authorizer hands it: without a token it verifies, nobody calls", async () => {
    const claims = { sub: "o2", "custom:role": "admin", role: "admin", jurisdiction: "310114" };
    const res = (await handle(app())(event(claims) as never, {} as never)) as unknown as LambdaResult;
    expect(res.statusCode).toBe(401);
    expect(res.headers?.["x-request-id"]).toBe("gw-req-1");
  });

  it("acts on the token it verifies and the grants of its subject, whatever the claims say", async () => {
    const ok = (await handle(app())(
      event({ role: "org" }, `Bearer ${await token("o2")}`) as never,
      {} as never,
    )) as unknown as LambdaResult;
    expect(ok.statusCode).toBe(200);
    const stranger = (await handle(app())(
      event({ role: "regulator", jurisdiction: "310114" }, `Bearer ${await token("x9")}`) as never,
      {} as never,
    )) as unknown as LambdaResult;
    expect(stranger.statusCode).toBe(403);
  });
});
