import type { Context, MiddlewareHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import type { Identity } from "../../shared/domain/access/grants.js";
import { mayActFor, type Principal } from "../../shared/domain/access/policy.js";
import { NotPermitted } from "../../shared/domain/errors.js";
import type { RequestLogEnv } from "./request-log.js";

/** Establishes who calls from the request's bearer token (bearer-tokens.ts), in both runtimes. */
export type Authenticator = (c: Context) => Promise<Identity | undefined>;

/** What an identity may do, from its grants in our records. */
export type CallerResolver = (identity: Identity) => Promise<Principal>;

export type AppEnv = { Variables: { principal?: Principal } & RequestLogEnv["Variables"] };

/** Who calls and, read once per request, what their grants let them do. */
export function authMiddleware(
  authenticate: Authenticator,
  resolve: CallerResolver,
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const identity = await authenticate(c);
    if (identity) c.set("principal", await resolve(identity));
    await next();
  };
}

/** The caller, or 401 when the request carries no valid token. */
export function principalOf(c: Context<AppEnv>): Principal {
  const principal = c.get("principal");
  if (!principal) throw new HTTPException(401, { message: "a valid bearer token is required" });
  return principal;
}

/**
 * The role a route admits, checked before its input is validated: no token is 401, another role 403,
 * and with `ownUscc` an organization may act only on the USCC in the path.
 */
export function requireRole(...roles: (Principal["role"] | { ownUscc: true })[]): MiddlewareHandler<AppEnv> {
  const allowed = roles.filter((r): r is Principal["role"] => typeof r === "string");
  const ownUscc = roles.some((r) => typeof r === "object" && r.ownUscc);
  return async (c, next) => {
    const principal = principalOf(c);
    if (!allowed.includes(principal.role)) {
      throw new NotPermitted(`this route is for ${allowed.join(" or ")}`);
    }
    if (ownUscc && principal.role === "org" && !mayActFor(principal, c.req.param("uscc") ?? "")) {
      throw new NotPermitted("an organization acts only on its own record");
    }
    await next();
  };
}
