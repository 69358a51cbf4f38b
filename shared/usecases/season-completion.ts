import type { Principal } from "../domain/access/policy.js";
import { mustReport } from "../domain/annual-inspection/index.js";
import { shanghaiDate } from "../domain/calendar/index.js";
import type { Deps } from "./support/deps.js";
import { readScope } from "./support/jurisdiction-scope.js";

/** 年报进度: every organization that must report on `year`, with what it filed and the outcome so far. */
export async function seasonCompletion(
  deps: Deps,
  principal: Principal,
  query: { year?: number; jurisdiction?: string },
) {
  const scope = readScope(principal, query.jurisdiction);
  const year = query.year ?? Number(shanghaiDate(deps.clock.now()).slice(0, 4)) - 1;
  const items: {
    uscc: string;
    name: string;
    orgType: string;
    outcome: "pass" | "basic_pass" | "fail" | "pending" | "not_filed";
  }[] = [];
  let after: string | undefined;
  do {
    const page = await deps.store.listOrganizations(scope, after ? { after, limit: 1000 } : { limit: 1000 });
    after = page.next;
    for (const o of page.items) {
      if (!mustReport(o, year)) continue;
      const filed = o.annualInspections.find((i) => i.year === year);
      items.push({ uscc: o.uscc, name: o.name, orgType: o.orgType, outcome: filed?.outcome ?? "not_filed" });
    }
  } while (after);
  const filed = items.filter((i) => i.outcome !== "not_filed").length;
  return { jurisdiction: scope, year, mustReport: items.length, filed, items };
}
