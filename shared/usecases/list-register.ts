import { liesIn, type Principal } from "../domain/access/policy.js";
import { shanghaiDate } from "../domain/calendar/index.js";
import { currentEntries } from "../domain/credit/index.js";
import type { OrganizationRecord } from "../domain/organizations/records.js";
import type { Deps } from "./support/deps.js";
import { readAreaScope } from "./support/jurisdiction-scope.js";

export interface RegisterQuery {
  jurisdiction?: string;
  orgType?: string;
  status?: string;
  /** A name (without its area names) or the start of one. */
  q?: string;
  after?: string;
  limit?: number;
}

const registerRow = (o: OrganizationRecord, today: string) => ({
  uscc: o.uscc,
  name: o.name,
  orgType: o.orgType,
  status: o.status,
  jurisdiction: o.jurisdiction,
  ...(o.streetCode ? { streetCode: o.streetCode } : {}),
  registeredOn: o.registeredOn,
  ...(o.grade ? { grade: o.grade } : {}),
  creditListed: currentEntries(o.creditLists, today).map((e) => e.list),
  ...(o.supervisoryUnit ? { supervisoryUnit: o.supervisoryUnit } : {}),
});

export type RegisterRow = ReturnType<typeof registerRow>;

/**
 * 登记名册: a jurisdiction's organizations, or a street's or town's within it, filtered, a page at a time (all of
 * them with limit 0).
 */
export async function listRegister(deps: Deps, principal: Principal, query: RegisterQuery) {
  const area = readAreaScope(principal, query.jurisdiction);
  const scope = area.jurisdiction;
  const today = shanghaiDate(deps.clock.now());
  const row = (o: OrganizationRecord) => registerRow(o, today);
  const limit = query.limit === 0 ? Number.POSITIVE_INFINITY : (query.limit ?? 50);
  const keep = (o: OrganizationRecord) =>
    liesIn(area, o) &&
    (!query.orgType || o.orgType === query.orgType) &&
    (!query.status || o.status === query.status);
  if (query.q?.trim()) {
    const found = await deps.store.searchOrganizationsByName(query.q, 200);
    return { ...area, items: found.filter(keep).slice(0, limit).map(row) };
  }
  const items: OrganizationRecord[] = [];
  let after = query.after;
  do {
    // Never read past what this page shows, so the cursor resumes at the first organization not shown.
    const want = Math.min(500, limit - items.length);
    const page = await deps.store.listOrganizations(scope, after ? { after, limit: want } : { limit: want });
    after = page.next;
    items.push(...page.items.filter(keep));
  } while (after && items.length < limit);
  return { ...area, items: items.map(row), ...(after ? { next: after } : {}) };
}
