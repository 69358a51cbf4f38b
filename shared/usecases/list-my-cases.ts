import type { Principal } from "../domain/access/policy.js";
import { NotPermitted } from "../domain/errors.js";
import type { Deps } from "./support/deps.js";

export async function listMyCases(deps: Deps, principal: Principal) {
  if (principal.role !== "org") throw new NotPermitted("only an organization lists its own cases");
  const owned = await deps.store.listCasesOf({ applicantSub: principal.sub });
  const byUscc = principal.uscc ? await deps.store.listCasesOf({ uscc: principal.uscc }) : [];
  const all = [...owned, ...byUscc.filter((c) => !owned.some((o) => o.caseId === c.caseId))];
  return {
    items: all.map((c) => ({ caseId: c.caseId, kind: c.kind, status: c.status, createdAt: c.createdAt })),
  };
}
