import { InvalidInput } from "../domain/errors.js";
import { validateUscc } from "../domain/identifiers/index.js";
import type { Deps } from "./support/deps.js";

/** 社会组织查询: by USCC (exact) or by name; only what the public record shows. */
export async function searchOrganizations(deps: Deps, query: string) {
  const q = query.trim();
  if (q.length === 0) throw new InvalidInput([{ field: "q", code: "required", message: "a USCC or a name" }]);
  if (q.length > 100)
    throw new InvalidInput([{ field: "q", code: "too_long", message: "at most 100 characters" }]);
  const asUscc = q.toUpperCase();
  if (/^[0-9A-Z]{18}$/.test(asUscc) && validateUscc(asUscc).ok) {
    const org = await deps.store.getOrganization(asUscc);
    return { items: org ? [summary(org)] : [] };
  }
  const found = await deps.store.searchOrganizationsByName(q, 50);
  return { items: found.map(summary) };
}

const summary = (o: {
  uscc: string;
  name: string;
  orgType: string;
  status: string;
  jurisdiction: string;
}) => ({
  uscc: o.uscc,
  name: o.name,
  orgType: o.orgType,
  status: o.status,
  jurisdiction: o.jurisdiction,
});
