import { type Identity, normalizedEmail, resolvePrincipal } from "../domain/access/grants.js";
import type { Principal } from "../domain/access/policy.js";
import { actorLabel, organizationSubject } from "../domain/cases/records.js";
import type { WriteOp } from "../ports/store.js";
import type { Deps } from "./support/deps.js";
import { grantWrites, heldGrant } from "./support/grant-writes.js";
import { retryOnConflict } from "./support/retry.js";

/**
 * Who the caller acts as, once per request: its grants, read from the store; an invitation waiting for
 * the address the provider verified is taken first, so the invited person is a member from that request on.
 */
export async function resolveCaller(deps: Deps, identity: Identity): Promise<Principal> {
  return retryOnConflict(async () => {
    const email = identity.email ? normalizedEmail(identity.email) : undefined;
    const [grants, invitations] = await Promise.all([
      deps.store.listGrants(identity),
      email ? deps.store.listInvitations(email) : Promise.resolve([]),
    ]);
    if (invitations.length === 0) return resolvePrincipal(identity, grants);
    const at = deps.clock.now().toISOString();
    const by = { kind: "org" as const, sub: identity.sub };
    const ops: WriteOp[] = invitations.flatMap((inv): WriteOp[] => [
      { op: "deleteInvitation", email: inv.email, uscc: inv.uscc },
      ...grantWrites(
        heldGrant(grants, { kind: "org", uscc: inv.uscc }),
        identity,
        { kind: "org", uscc: inv.uscc },
        by,
        at,
      ),
      // The organization's own record shows who joined it, beside the invitation it sent.
      {
        op: "appendEvent",
        subject: organizationSubject(inv.uscc),
        event: { at, actor: actorLabel(by), action: "invitation_accepted", note: inv.email },
      },
    ]);
    await deps.store.transact(ops);
    return resolvePrincipal(identity, await deps.store.listGrants(identity));
  });
}
