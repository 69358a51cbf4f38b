import { type GrantRecord, type GrantScope, isActive } from "../domain/access/grants.js";
import { actorOf, type Principal, scopesOf } from "../domain/access/policy.js";
import { NotFound, NotPermitted } from "../domain/errors.js";
import type { Deps } from "./support/deps.js";
import { heldGrant, revokeWrites } from "./support/grant-writes.js";
import { retryOnConflict } from "./support/retry.js";

/** An administrator ends a grant; the holder's next request already acts without it. */
export async function revokeGrant(
  deps: Deps,
  principal: Principal,
  input: { issuer?: string; sub: string; scope: GrantScope },
): Promise<GrantRecord> {
  if (!scopesOf(principal).everywhere) throw new NotPermitted("only an administrator revokes grants");
  const who = { issuer: input.issuer ?? principal.issuer ?? "", sub: input.sub };
  return retryOnConflict(async () => {
    const held = heldGrant(await deps.store.listGrants(who), input.scope);
    if (!held || !isActive(held)) throw new NotFound("active grant");
    const writes = revokeWrites(held, actorOf(principal), deps.clock.now().toISOString());
    await deps.store.transact(writes);
    return (writes[0] as { grant: GrantRecord }).grant;
  });
}
