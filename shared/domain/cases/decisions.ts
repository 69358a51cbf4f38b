import type { FieldProblem } from "../errors.js";

const SUPERVISORY_CONSENT = { outcomes: ["consent", "return"], reasonRequired: ["return"] } as const;

/** The outcomes a person may choose at each step, and which of them must give reasons. */
export const stepOutcomes: Record<
  string,
  { outcomes: readonly string[]; reasonRequired: readonly string[] }
> = {
  registration_review: {
    outcomes: ["approve", "reject", "request_supplement"],
    reasonRequired: ["reject", "request_supplement"],
  },
  // 业务主管单位初审: consent, or return the report for correction.
  supervisory_review: SUPERVISORY_CONSENT,
  // 经业务主管单位同意: the unit consents to a change or a deregistration, or returns it to the organization.
  change_consent: SUPERVISORY_CONSENT,
  deregistration_consent: SUPERVISORY_CONSENT,
  // 合格 / 基本合格 / 不合格; the latter two order a rectification and must say why.
  annual_inspection_review: {
    outcomes: ["pass", "basic_pass", "fail"],
    reasonRequired: ["basic_pass", "fail"],
  },
  rectification_review: { outcomes: ["accept", "reject"], reasonRequired: ["reject"] },
  revocation_consideration: { outcomes: ["revoke", "keep"], reasonRequired: ["revoke", "keep"] },
  // 等级评估: preliminary review of the materials, expert panel, assessment committee, 复核 after an objection.
  assessment_preliminary_review: {
    outcomes: ["approve", "request_supplement", "reject"],
    reasonRequired: ["request_supplement", "reject"],
  },
  assessment_scoring: { outcomes: ["scored"], reasonRequired: [] },
  assessment_committee: { outcomes: ["confirm", "return"], reasonRequired: ["return"] },
  assessment_review: { outcomes: ["uphold", "change"], reasonRequired: ["uphold", "change"] },
  // 变更登记 and 注销登记 follow the registration clock and its outcomes.
  change_review: {
    outcomes: ["approve", "reject", "request_supplement"],
    reasonRequired: ["reject", "request_supplement"],
  },
  deregistration_review: {
    outcomes: ["approve", "reject", "request_supplement"],
    reasonRequired: ["reject", "request_supplement"],
  },
  // 重大事项: the bureau notes it, has no objection, or objects and says why.
  major_event_review: {
    outcomes: ["acknowledge", "no_objection", "object"],
    reasonRequired: ["object"],
  },
  major_event_follow_up: {
    outcomes: ["acknowledge", "no_objection", "object"],
    reasonRequired: ["object"],
  },
};

export type DecisionProblem = FieldProblem & { field: "outcome" | "reason" };

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
