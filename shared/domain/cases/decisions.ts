/** The outcomes a person may choose at each step, and which of them must give reasons. */
export const stepOutcomes: Record<
  string,
  { outcomes: readonly string[]; reasonRequired: readonly string[] }
> = {
  registration_review: {
    outcomes: ["approve", "reject", "request_supplement"],
    reasonRequired: ["reject", "request_supplement"],
  },
};

export type DecisionProblem = { field: "outcome" | "reason"; code: string; message: string };

export function checkDecision(step: string, outcome: string, reason: string | undefined): DecisionProblem[] {
  const spec = stepOutcomes[step];
  if (!spec) return [{ field: "outcome", code: "not_decidable", message: `step ${step} takes no decision` }];
  if (!spec.outcomes.includes(outcome)) {
    return [
      { field: "outcome", code: "invalid_outcome", message: `expected one of ${spec.outcomes.join(", ")}` },
    ];
  }
  if (spec.reasonRequired.includes(outcome) && !reason?.trim()) {
    return [
      { field: "reason", code: "reason_required", message: `a ${outcome} decision must state its reasons` },
    ];
  }
  return [];
}
