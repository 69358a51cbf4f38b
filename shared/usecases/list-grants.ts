import { type Principal, scopesOf } from "../domain/access/policy.js";
import { identitySubject } from "../domain/cases/records.js";
import { NotPermitted } from "../domain/errors.js";
import type { Deps } from "./support/deps.js";

/** A person's grants, revoked ones included, and the audit timeline of them: for an administrator. */
export async function listGrants(deps: Deps, principal: Principal, who: { issuer?: string; sub: string }) {
  if (!scopesOf(principal).everywhere) throw new NotPermitted("only an administrator reads grants");
  const person = { issuer: who.issuer ?? principal.issuer ?? "", sub: who.sub };
  const [items, timeline] = await Promise.all([
    deps.store.listGrants(person),
    deps.store.listTimeline(identitySubject(person)),
  ]);
  return { ...person, items, timeline };
}
