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

/** The endpoints an issuer's discovery document names (OpenID Connect Discovery 1.0). */
export interface IssuerEndpoints {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  jwks_uri: string;
  end_session_endpoint?: string;
}

/** The issuer's discovery document, fetched on first use; a failed fetch is tried again on the next. */
export function discovery(issuer: string, fetcher: typeof fetch = fetch): () => Promise<IssuerEndpoints> {
  let doc: Promise<IssuerEndpoints> | undefined;
  const load = async () => {
    const url = `${issuer.replace(/\/$/, "")}/.well-known/openid-configuration`;
    const res = await fetcher(url, { signal: AbortSignal.timeout(5000) });
    if (!res.ok) throw new Error(`discovery at ${url} answered ${res.status}`);
    const body = (await res.json()) as Record<string, unknown>;
    if (body.issuer !== issuer.replace(/\/$/, "") && body.issuer !== issuer) {
      throw new Error(`discovery at ${url} names issuer ${String(body.issuer)}, not ${issuer}`);
    }
    for (const key of ["authorization_endpoint", "token_endpoint", "jwks_uri"]) {
      if (typeof body[key] !== "string") throw new Error(`discovery at ${url} names no ${key}`);
    }
    return body as unknown as IssuerEndpoints;
  };
  return () => {
    doc ??= load().catch((error: unknown) => {
      doc = undefined;
      throw error;
    });
    return doc;
  };
}

/** The issuer's JWKS, found through its discovery document on first use and cached by jose after that. */
export function discoveredKeys(issuer: string, fetcher: typeof fetch = fetch): JWTVerifyGetKey {
  const endpoints = discovery(issuer, fetcher);
  let keys: JWTVerifyGetKey | undefined;
  return async (header, token) => {
    keys ??= createRemoteJWKSet(new URL((await endpoints()).jwks_uri));
    return keys(header, token);
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
 * A token checked as every token of ours is: the signature against the issuer's keys, the issuer, the
 * audience and the expiry (and, for an ID token, the nonce its sign-in sent). Undefined when it fails
 * them; keys that cannot be fetched are our failure, not the caller's, and throw.
 */
export async function verifiedIdentity(
  token: string,
  trusted: TrustedIssuer,
  expect: { nonce?: string } = {},
): Promise<Identity | undefined> {
  const audience = typeof trusted.audience === "string" ? trusted.audience : [...trusted.audience];
  try {
    const { payload } = await jwtVerify(token, trusted.keys, {
      issuer: trusted.issuer,
      audience,
      requiredClaims: ["sub", "exp", ...(expect.nonce === undefined ? [] : ["nonce"])],
      clockTolerance: 30,
    });
    if (expect.nonce !== undefined && payload.nonce !== expect.nonce) return undefined;
    return identityFromClaims(payload, trusted.nameClaim);
  } catch (error) {
    if (error instanceof errors.JOSEError && !(error instanceof errors.JWKSTimeout)) return undefined;
    throw error;
  }
}

/**
 * Bearer tokens checked by the app itself, in both runtimes (verifiedIdentity). Anything else is no
 * identity, so a route that needs one answers 401.
 */
export function bearerTokens(trusted: TrustedIssuer): Authenticator {
  return async (c: Context) => {
    const header = c.req.header("authorization");
    if (!header?.startsWith("Bearer ")) return undefined;
    return verifiedIdentity(header.slice(7).trim(), trusted);
  };
}
