import type { Context, MiddlewareHandler } from "hono";
import { UseCaseError } from "../../shared/usecases/errors.js";
import type { Principal } from "../../shared/usecases/principal.js";

/** Establishes who calls from the request: JWT claims (AWS authorizer) or a verified local token. */
export type Authenticator = (c: Context) => Promise<Principal | undefined>;

export type AppEnv = { Variables: { principal?: Principal } };

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
  if (!principal) throw new UseCaseError(401, "unauthorized", "a valid bearer token is required");
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
