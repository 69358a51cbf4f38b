import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { Context, MiddlewareHandler } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { sign, verify } from "hono/jwt";
import type { Identity } from "../../shared/domain/access/grants.js";
import type { PendingSignIn } from "./openid-client.js";

/**
 * How pages learn who is signed in: the identity only, so what it may do is read from its grants on every
 * request, as for the API. The demo picker and real sign-in both end in `start`.
 */
export interface Sessions {
  read(c: Context): Promise<Identity | undefined>;
  start(c: Context, identity: Identity): Promise<void>;
  end(c: Context): void;
  /** Keeps a sign-in under way (its state, nonce and PKCE verifier) in this browser until its callback. */
  beginSignIn(c: Context, pending: PendingSignIn): Promise<void>;
  /** The sign-in under way, taken once: a second callback finds none. */
  takeSignIn(c: Context): Promise<PendingSignIn | undefined>;
  /** The token a form carries, bound to this browser. */
  csrfToken(c: Context): string;
  csrfValid(c: Context, token: string | undefined): boolean;
}

const SESSION = "socorg_session";
const CSRF_SEED = "socorg_csrf";
const SESSION_SECONDS = 8 * 3600;
const SIGN_IN = "socorg_sign_in";
const SIGN_IN_SECONDS = 600;

const servedOverHttps = (c: Context) =>
  new URL(c.req.url).protocol === "https:" || c.req.header("x-forwarded-proto") === "https";

const cookieOptions = (c: Context, maxAge?: number) => ({
  httpOnly: true,
  sameSite: "Lax" as const,
  secure: servedOverHttps(c),
  path: "/",
  ...(maxAge === undefined ? {} : { maxAge }),
});

/** Sessions in a signed HttpOnly cookie; CSRF tokens are an HMAC of a per-browser random seed. */
export function cookieSessions(secret: string): Sessions {
  const hmac = (value: string) => createHmac("sha256", secret).update(`csrf:${value}`).digest("base64url");
  const seedOf = (c: Context): string => {
    const existing = getCookie(c, CSRF_SEED) ?? (c.get("csrfSeed" as never) as string | undefined);
    if (existing) return existing;
    const seed = randomBytes(18).toString("base64url");
    setCookie(c, CSRF_SEED, seed, cookieOptions(c));
    c.set("csrfSeed" as never, seed as never);
    return seed;
  };
  return {
    async read(c) {
      const token = getCookie(c, SESSION);
      if (!token) return undefined;
      try {
        const claims = await verify(token, secret, "HS256");
        return typeof claims.iss === "string" && typeof claims.sub === "string"
          ? {
              issuer: claims.iss,
              sub: claims.sub,
              ...(typeof claims.email === "string" ? { email: claims.email } : {}),
            }
          : undefined;
      } catch {
        return undefined;
      }
    },
    async start(c, identity) {
      const now = Math.floor(Date.now() / 1000);
      const claims = {
        iss: identity.issuer,
        sub: identity.sub,
        ...(identity.email ? { email: identity.email } : {}),
      };
      const token = await sign({ ...claims, iat: now, exp: now + SESSION_SECONDS }, secret, "HS256");
      setCookie(c, SESSION, token, cookieOptions(c, SESSION_SECONDS));
    },
    end(c) {
      setCookie(c, SESSION, "", cookieOptions(c, 0));
    },
    async beginSignIn(c, pending) {
      const now = Math.floor(Date.now() / 1000);
      const token = await sign({ ...pending, exp: now + SIGN_IN_SECONDS }, `${secret}:sign-in`, "HS256");
      setCookie(c, SIGN_IN, token, { ...cookieOptions(c, SIGN_IN_SECONDS), path: "/sign-in" });
    },
    async takeSignIn(c) {
      const token = getCookie(c, SIGN_IN);
      if (!token) return undefined;
      setCookie(c, SIGN_IN, "", { ...cookieOptions(c, 0), path: "/sign-in" });
      try {
        const p = await verify(token, `${secret}:sign-in`, "HS256");
        const text = (k: string) => (typeof p[k] === "string" ? (p[k] as string) : "");
        return {
          state: text("state"),
          nonce: text("nonce"),
          verifier: text("verifier"),
          redirectUri: text("redirectUri"),
          back: text("back") || "/",
        };
      } catch {
        return undefined;
      }
    },
    csrfToken: (c) => hmac(seedOf(c)),
    csrfValid(c, token) {
      const seed = getCookie(c, CSRF_SEED);
      if (!seed || !token) return false;
      const expected = Buffer.from(hmac(seed));
      const given = Buffer.from(token);
      return expected.length === given.length && timingSafeEqual(expected, given);
    },
  };
}

/** A form post from another site is refused: its Origin must be ours and its token this browser's. */
export function csrfProtection(sessions: Sessions): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method !== "POST") return next();
    const origin = c.req.header("origin");
    if (origin && origin !== "null" && origin !== new URL(c.req.url).origin) {
      return c.text("cross-site form post refused", 403);
    }
    const body = await c.req.parseBody({ all: true });
    c.set("form" as never, body as never);
    const token = body._csrf;
    if (!sessions.csrfValid(c, typeof token === "string" ? token : undefined)) {
      return c.text("the form has expired: reload the page and submit again", 403);
    }
    return next();
  };
}
