import { Hono } from "hono";
import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { bearerTokens, identityFromClaims } from "./bearer-tokens.js";

const ISSUER = "https://id.example.gov.cn";
const { privateKey, publicKey } = await generateKeyPair("RS256");
const other = await generateKeyPair("RS256");
const keys = createLocalJWKSet({ keys: [{ ...(await exportJWK(publicKey)), kid: "k1", alg: "RS256" }] });

const token = (
  claims: Record<string, unknown> = {},
  opts: { aud?: string; iss?: string; exp?: string } = {},
  key = privateKey,
) =>
  new SignJWT(claims)
    .setProtectedHeader({ alg: "RS256", kid: "k1" })
    .setIssuer(opts.iss ?? ISSUER)
    .setAudience(opts.aud ?? "socorg")
    .setSubject("u1")
    .setIssuedAt()
    .setExpirationTime(opts.exp ?? "5m")
    .sign(key);

async function identity(authorization?: string) {
  const app = new Hono();
  const authenticate = bearerTokens({
    issuer: ISSUER,
    audience: ["socorg", "portal"],
    keys,
    nameClaim: "xm",
  });
  app.get("/", async (c) => c.json({ who: (await authenticate(c)) ?? null }));
  const res = await app.request("/", authorization ? { headers: { authorization } } : {});
  return ((await res.json()) as { who: unknown }).who;
}

describe("bearer tokens", () => {
  it("a token of the trusted issuer for one of our audiences names its identity, with the configured name claim", async () => {
    expect(await identity(`Bearer ${await token({ xm: "张三" })}`)).toEqual({
      issuer: ISSUER,
      sub: "u1",
      name: "张三",
    });
    expect(await identity(`Bearer ${await token({}, { aud: "portal" })}`)).toMatchObject({ sub: "u1" });
  });

  it.each([
    ["another key's signature", () => token({}, {}, other.privateKey)],
    ["a wrong audience", () => token({}, { aud: "someone-else" })],
    ["another issuer", () => token({}, { iss: "https://evil.example" })],
    ["an expired token", () => token({}, { exp: "-10m" })],
  ])("%s is no identity", async (_, make) => {
    expect(await identity(`Bearer ${await make()}`)).toBeNull();
  });

  it("no header, another scheme or garbage is no identity", async () => {
    expect(await identity()).toBeNull();
    expect(await identity(`Basic ${await token()}`)).toBeNull();
    expect(await identity("Bearer not.a.jwt")).toBeNull();
  });

  it("an address counts only where the provider says it verified it", () => {
    const base = { iss: ISSUER, sub: "u1" };
    expect(identityFromClaims({ ...base, email: "a@example.org", email_verified: true })?.email).toBe(
      "a@example.org",
    );
    expect(identityFromClaims({ ...base, email: "a@example.org", email_verified: "true" })?.email).toBe(
      "a@example.org",
    );
    expect(identityFromClaims({ ...base, email: "a@example.org" })?.email).toBeUndefined();
    expect(
      identityFromClaims({ ...base, email: "a@example.org", email_verified: false })?.email,
    ).toBeUndefined();
    expect(identityFromClaims({ iss: ISSUER })).toBeUndefined();
  });
});
