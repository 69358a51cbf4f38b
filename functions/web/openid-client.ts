import { createHash, randomBytes } from "node:crypto";
import type { Identity } from "../../shared/domain/access/grants.js";
import {
  discovery,
  type IssuerEndpoints,
  type TrustedIssuer,
  verifiedIdentity,
} from "../api/bearer-tokens.js";

/**
 * The identity provider the pages sign in through (OpenID Connect authorization-code flow with PKCE):
 * the local provider on loopback, a Cognito user pool's hosted UI, or a province's issuer.
 */
export interface SignInOptions {
  /** The issuer and its keys, checked as the API checks bearer tokens; the ID token's audience is the client id. */
  trusted: TrustedIssuer;
  clientId: string;
  /** A confidential client's secret (client_secret_basic); a public client proves itself by PKCE alone. */
  clientSecret?: string;
  /** The callback registered at the provider; unset, the request's own origin + /sign-in/callback. */
  redirectUri?: string;
  /** The issuer's endpoints; unset, read from its discovery document. */
  endpoints?: () => Promise<IssuerEndpoints>;
  fetch?: typeof fetch;
}

/** A sign-in under way, kept in the browser between the redirect to the provider and its callback. */
export interface PendingSignIn {
  state: string;
  nonce: string;
  verifier: string;
  redirectUri: string;
  /** Where to go once signed in (a path of ours). */
  back: string;
}

/** Why a callback is refused: each is a 400 page, and nothing is written. */
export type CallbackRefusal = "no_sign_in" | "bad_state" | "provider_error" | "code_refused" | "bad_id_token";

export class SignInRefused extends Error {
  constructor(
    readonly reason: CallbackRefusal,
    detail: string,
  ) {
    super(detail);
  }
}

const random = () => randomBytes(32).toString("base64url");

export function openIdClient(opts: SignInOptions) {
  const fetcher = opts.fetch ?? fetch;
  const endpoints = opts.endpoints ?? discovery(opts.trusted.issuer, fetcher);
  const idTokens: TrustedIssuer = { ...opts.trusted, audience: opts.clientId };
  return {
    /** A fresh state, nonce and PKCE verifier, and the provider's authorization URL that carries them. */
    async begin(redirectUri: string, back: string): Promise<{ pending: PendingSignIn; url: string }> {
      const pending = { state: random(), nonce: random(), verifier: random(), redirectUri, back };
      const url = new URL((await endpoints()).authorization_endpoint);
      for (const [k, v] of Object.entries({
        response_type: "code",
        client_id: opts.clientId,
        redirect_uri: redirectUri,
        scope: "openid email profile",
        state: pending.state,
        nonce: pending.nonce,
        code_challenge: createHash("sha256").update(pending.verifier).digest("base64url"),
        code_challenge_method: "S256",
      })) {
        url.searchParams.set(k, v);
      }
      return { pending, url: url.href };
    },

    /** The identity a callback signs in, once its state, code and ID token (signature, claims, nonce) hold. */
    async finish(
      pending: PendingSignIn | undefined,
      query: Record<string, string | undefined>,
    ): Promise<Identity> {
      if (!pending)
        throw new SignInRefused("no_sign_in", "no sign-in was started in this browser, or it expired");
      if (!query.state || query.state !== pending.state) {
        throw new SignInRefused("bad_state", "state does not match the sign-in this browser started");
      }
      if (query.error) throw new SignInRefused("provider_error", `the provider answered ${query.error}`);
      if (!query.code) throw new SignInRefused("code_refused", "the callback carries no code");
      const body = new URLSearchParams({
        grant_type: "authorization_code",
        code: query.code,
        redirect_uri: pending.redirectUri,
        code_verifier: pending.verifier,
      });
      const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded" };
      if (opts.clientSecret) {
        const basic = `${encodeURIComponent(opts.clientId)}:${encodeURIComponent(opts.clientSecret)}`;
        headers.authorization = `Basic ${Buffer.from(basic).toString("base64")}`;
      } else {
        body.set("client_id", opts.clientId);
      }
      const res = await fetcher((await endpoints()).token_endpoint, {
        method: "POST",
        headers,
        body,
        signal: AbortSignal.timeout(10_000),
      });
      const tokens = (await res.json().catch(() => ({}))) as { id_token?: unknown; error?: unknown };
      if (!res.ok || typeof tokens.id_token !== "string") {
        throw new SignInRefused(
          "code_refused",
          `the provider refused the code (${String(tokens.error ?? res.status)}): used already, expired or not this sign-in's`,
        );
      }
      const identity = await verifiedIdentity(tokens.id_token, idTokens, { nonce: pending.nonce });
      if (!identity) {
        throw new SignInRefused(
          "bad_id_token",
          "the ID token failed its checks (signature, issuer, audience, expiry or nonce)",
        );
      }
      return identity;
    },

    /** The provider's end-session URL, when its discovery document offers one. */
    async endSession(postLogoutRedirectUri: string): Promise<string | undefined> {
      const end = (await endpoints()).end_session_endpoint;
      if (!end) return undefined;
      const url = new URL(end);
      url.searchParams.set("client_id", opts.clientId);
      url.searchParams.set("post_logout_redirect_uri", postLogoutRedirectUri);
      return url.href;
    },
  };
}

export type OpenIdClient = ReturnType<typeof openIdClient>;
