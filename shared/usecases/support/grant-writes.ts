import { type GrantRecord, type GrantScope, isActive, scopeId } from "../../domain/access/grants.js";
import { type Actor, actorLabel, type TimelineEvent } from "../../domain/cases/records.js";
import type { WriteOp } from "../../ports/store.js";
import type { Deps } from "./deps.js";
import { retryOnConflict } from "./retry.js";

type Who = { issuer: string; sub: string };

const sameScope = (a: GrantScope, b: GrantScope) => scopeId(a) === scopeId(b);

/** The audit event of a grant's change, on the timeline of the person it concerns (their audit subject). */
function grantEvent(who: Who, scope: GrantScope, action: string, by: Actor, at: string): TimelineEvent {
  return { at, actor: actorLabel(by), action, note: `${scopeId(scope)} ${who.sub}@${who.issuer}` };
}

/**
 * The writes that give `who` this scope, given the grant of that scope it holds or held: none while it is
 * active, a fresh record after a revocation, each with its audit event.
 */
export function grantWrites(
  held: GrantRecord | undefined,
  who: Who,
  scope: GrantScope,
  by: Actor,
  at: string,
): WriteOp[] {
  if (held && isActive(held)) return [];
  const grant: GrantRecord = {
    issuer: who.issuer,
    sub: who.sub,
    scope,
    since: at,
    grantedBy: actorLabel(by),
    version: (held?.version ?? 0) + 1,
  };
  return [
    {
      op: "putGrant",
      grant,
      expectVersion: held?.version ?? "absent",
      event: grantEvent(who, scope, "granted", by, at),
    },
  ];
}

/** The writes that end a held, active grant; its record stays, with who ended it and when. */
export function revokeWrites(held: GrantRecord, by: Actor, at: string): WriteOp[] {
  const grant: GrantRecord = {
    ...held,
    revokedAt: at,
    revokedBy: actorLabel(by),
    version: held.version + 1,
  };
  return [
    {
      op: "putGrant",
      grant,
      expectVersion: held.version,
      event: grantEvent(held, held.scope, "grant_revoked", by, at),
    },
  ];
}

export const heldGrant = (grants: readonly GrantRecord[], scope: GrantScope) =>
  grants.find((g) => sameScope(g.scope, scope));

/** Gives `who` the scope unless it holds it; a concurrent change is read again and decided again. */
export async function ensureGrant(deps: Deps, who: Who, scope: GrantScope, by: Actor): Promise<GrantRecord> {
  return retryOnConflict(async () => {
    const held = heldGrant(await deps.store.listGrants(who), scope);
    const writes = grantWrites(held, who, scope, by, deps.clock.now().toISOString());
    await deps.store.transact(writes);
    const put = writes[0];
    return put?.op === "putGrant" ? put.grant : (held as GrantRecord);
  });
}
