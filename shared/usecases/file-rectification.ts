import type { Principal } from "../domain/access/policy.js";
import { answerApplicantTask } from "./support/applicant-answer.js";
import type { Deps } from "./support/deps.js";

/** 整改: the organization files its rectification with evidence; the bureau reviews it. */
export function submitRectification(
  deps: Deps,
  principal: Principal,
  caseId: string,
  rectification: { note: string; evidence: { kind: string; ref: string }[] },
) {
  return answerApplicantTask<Record<string, unknown>>(deps, principal, caseId, "rectification", {
    outcome: "filed",
    action: "rectification_filed",
    note: rectification.note,
    patch: (record) => ({
      application: {
        ...record.application,
        rectifications: [
          ...(((record.application as { rectifications?: unknown[] }).rectifications ?? []) as unknown[]),
          { ...rectification, filedAt: deps.clock.now().toISOString() },
        ],
      },
    }),
    // Met only once the bureau accepts it; a rejected one goes on within the same period.
    meets: () => ({ kind: "rectification", ref: caseId, stops: true }),
  });
}
