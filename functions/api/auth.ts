import type { Context, MiddlewareHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import type { Principal } from "../../shared/domain/access/policy.js";
import { NotPermitted } from "../../shared/domain/errors.js";
import type { RequestLogEnv } from "./request-log.js";

/** Establishes who calls from the request: JWT claims (AWS authorizer) or a verified local token. */
export type Authenticator = (c: Context) => Promise<Principal | undefined>;

export type AppEnv = { Variables: { principal?: Principal } & RequestLogEnv["Variables"] };

export function authMiddleware(authenticate: Authenticator): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const principal = await authenticate(c);
    if (principal) c.set("principal", principal);
    await next();
  };
}

/** The caller, or 401 when the request carries no valid token. */
export function principalOf(c: Context<AppEnv>): Principal {
  const principal = c.get("principal");
  if (!principal) throw new HTTPException(401, { message: "a valid bearer token is required" });
  return principal;
}

/** Claims as both runtimes carry them: `role`, `sub`, `uscc`, `jurisdiction` (or `custom:` prefixed). */
export function principalFromClaims(claims: Record<string, unknown>): Principal | undefined {
  const claim = (name: string) => {
    const v = claims[name] ?? claims[`custom:${name}`];
    return typeof v === "string" && v !== "" ? v : undefined;
  };
  const sub = claim("sub");
  const role = claim("role");
  if (!sub || !role) return undefined;
  if (role === "org") {
    const uscc = claim("uscc");
    return uscc ? { role, sub, uscc } : { role, sub };
  }
  if (role === "regulator") {
    const jurisdiction = claim("jurisdiction");
    return jurisdiction && /^\d{6}$/.test(jurisdiction) ? { role, sub, jurisdiction } : undefined;
  }
  if (role === "admin") return { role, sub };
  return undefined;
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
    if (ownUscc && principal.role === "org" && principal.uscc !== c.req.param("uscc")) {
      throw new NotPermitted("an organization acts only on its own record");
    }
    await next();
  };
}
