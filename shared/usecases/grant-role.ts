import type { GrantRecord, GrantScope } from "../domain/access/grants.js";
import { actorOf, type Principal, scopesOf } from "../domain/access/policy.js";
import { NotPermitted } from "../domain/errors.js";
import type { Deps } from "./support/deps.js";
import { grantWrites, heldGrant } from "./support/grant-writes.js";
import { createOnce, type IdempotencyRequest } from "./support/idempotency.js";

export interface RoleGrant {
  /** The provider that knows the person; the administrator's own when left out. */
  issuer?: string;
  sub: string;
  scope: Exclude<GrantScope, { kind: "org" }>;
}

/**
 * An administrator makes someone a regulator of a division, a supervisory unit's reviewer, or an
 * administrator. A grant already held is answered as it stands; a repeat with its Idempotency-Key
 * answers what the first request did.
 */
export async function grantRole(
  deps: Deps,
  principal: Principal,
  input: RoleGrant,
  idem?: IdempotencyRequest,
): Promise<GrantRecord> {
  if (!scopesOf(principal).everywhere) throw new NotPermitted("only an administrator grants roles");
  const issuer = input.issuer ?? principal.issuer;
  if (!issuer) throw new NotPermitted("the administrator's own issuer is unknown: name the issuer");
  const who = { issuer, sub: input.sub };
  const created = await createOnce<GrantRecord>(
    deps,
    idem,
    async () => {
      const held = heldGrant(await deps.store.listGrants(who), input.scope);
      const ops = grantWrites(held, who, input.scope, actorOf(principal), deps.clock.now().toISOString());
      const put = ops[0];
      return { ops, body: put?.op === "putGrant" ? put.grant : (held as GrantRecord) };
    },
    // A concurrent grant of the same scope moved the record: read it again and decide again.
    { retryWhen: (failed) => failed.op === "putGrant" },
  );
  return created.body;
}
