import type { Context } from "hono";
import { createRemoteJWKSet, errors, type JWTPayload, type JWTVerifyGetKey, jwtVerify } from "jose";
import type { Identity } from "../../shared/domain/access/grants.js";
import type { Authenticator } from "./auth.js";

/** An identity provider whose tokens the app accepts: its issuer, the audiences meant for us, its keys. */
export interface TrustedIssuer {
  issuer: string;
  audience: string | readonly string[];
  /** Where the signing keys come from: the issuer's JWKS. */
  keys: JWTVerifyGetKey;
  /** The claim that carries the person's name (provinces' platforms name it differently); `name` if unset. */
  nameClaim?: string;
}

/** The issuer's JWKS, found through its discovery document on first use and cached by jose after that. */
export function discoveredKeys(issuer: string, fetcher: typeof fetch = fetch): JWTVerifyGetKey {
  let keys: Promise<JWTVerifyGetKey> | undefined;
  const load = async () => {
    const url = `${issuer.replace(/\/$/, "")}/.well-known/openid-configuration`;
    const res = await fetcher(url, { signal: AbortSignal.timeout(5000) });
    if (!res.ok) throw new Error(`discovery at ${url} answered ${res.status}`);
    const { jwks_uri } = (await res.json()) as { jwks_uri?: unknown };
    if (typeof jwks_uri !== "string") throw new Error(`discovery at ${url} names no jwks_uri`);
    return createRemoteJWKSet(new URL(jwks_uri));
  };
  return async (header, token) => {
    keys ??= load().catch((error: unknown) => {
      keys = undefined;
      throw error;
    });
    return (await keys)(header, token);
  };
}

/** The identity a verified token names; an address counts only where the provider says it verified it. */
export function identityFromClaims(claims: JWTPayload, nameClaim = "name"): Identity | undefined {
  if (typeof claims.iss !== "string" || typeof claims.sub !== "string" || claims.sub === "") return undefined;
  const verified = claims.email_verified === true || claims.email_verified === "true";
  const email = typeof claims.email === "string" && verified ? claims.email : undefined;
  const name = claims[nameClaim];
  return {
    issuer: claims.iss,
    sub: claims.sub,
    ...(email ? { email } : {}),
    ...(typeof name === "string" && name !== "" ? { name } : {}),
  };
}

/**
 * Bearer tokens checked by the app itself, in both runtimes: the signature against the issuer's keys, the
 * issuer, the audience and the expiry. Anything else is no identity, so a route that needs one answers 401.
 */
export function bearerTokens(trusted: TrustedIssuer): Authenticator {
  const audience = typeof trusted.audience === "string" ? trusted.audience : [...trusted.audience];
  return async (c: Context) => {
    const header = c.req.header("authorization");
    if (!header?.startsWith("Bearer ")) return undefined;
    try {
      const { payload } = await jwtVerify(header.slice(7).trim(), trusted.keys, {
        issuer: trusted.issuer,
        audience,
        requiredClaims: ["sub", "exp"],
        clockTolerance: 30,
      });
      return identityFromClaims(payload, trusted.nameClaim);
    } catch (error) {
      // A token that fails its checks is no identity; keys that cannot be fetched are our failure, not the caller's.
      if (error instanceof errors.JOSEError && !(error instanceof errors.JWKSTimeout)) return undefined;
      throw error;
    }
  };
}
