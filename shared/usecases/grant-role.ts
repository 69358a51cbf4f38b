import type { GrantRecord, GrantScope } from "../domain/access/grants.js";
import { actorOf, type Principal, scopesOf } from "../domain/access/policy.js";
import { NotPermitted } from "../domain/errors.js";
import type { Deps } from "./support/deps.js";
import { ensureGrant } from "./support/grant-writes.js";

export interface RoleGrant {
  /** The provider that knows the person; the administrator's own when left out. */
  issuer?: string;
  sub: string;
  scope: Exclude<GrantScope, { kind: "org" }>;
}

/** An administrator makes someone a regulator of a division, a supervisory unit's reviewer, or an administrator. */
export async function grantRole(deps: Deps, principal: Principal, input: RoleGrant): Promise<GrantRecord> {
  if (!scopesOf(principal).everywhere) throw new NotPermitted("only an administrator grants roles");
  const issuer = input.issuer ?? principal.issuer;
  if (!issuer) throw new NotPermitted("the administrator's own issuer is unknown: name the issuer");
  return ensureGrant(deps, { issuer, sub: input.sub }, input.scope, actorOf(principal));
}
