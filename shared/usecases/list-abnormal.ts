import { SYSTEM } from "../domain/cases/records.js";
import { caseChange } from "./support/case-change.js";
import { enterCreditList } from "./support/credit-listing.js";
import type { Deps } from "./support/deps.js";

/** An unmet rectification (or another ground a workflow sees) lists the organization as abnormal. */
export async function listAbnormal(deps: Deps, input: { caseId: string; ground: string }) {
  const record = await deps.store.getCase(input.caseId);
  if (!record?.uscc) throw new Error(`case ${input.caseId} has no organization`);
  const result = await enterCreditList(deps, {
    uscc: record.uscc,
    list: "abnormal",
    ground: input.ground,
    decidedBy: "system",
  });
  const fresh = await deps.store.getCase(input.caseId);
  if (fresh && fresh.status === "rectifying") {
    await deps.store.transact(
      caseChange(
        fresh,
        { status: "rectification_missed" },
        { actor: SYSTEM, action: "rectification_missed", at: deps.clock.now() },
      ),
    );
  }
  return result;
}
