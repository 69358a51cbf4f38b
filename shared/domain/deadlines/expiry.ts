import type { DeadlineKind, DeadlineRecord } from "../cases/records.js";
import type { Severity } from "../risk/alerts.js";

/**
 * What the end of a deadline of a kind does, once, at the start of the day after its due date. The
 * deadline is then `missed`, unless its rule `runsItsCourse` (a period nobody owes anything in, such as
 * 公示, ends `met`):
 * - `answer_task`: the period ran out, so the waiting task it guards is answered with `output`;
 * - `credit_list`: the organization enters a credit list on `ground` (DOMAIN §5);
 * - `alert`: a risk alert (风险预警) on `rule` for the regulator, explaining what was missed;
 * - `grade_lapses`: the grade the deadline guards has lapsed, which goes on the organization's timeline;
 * - `none`: the miss is recorded and the ladder's overdue rungs still go.
 */
export type ExpiryRule = (
  | { action: "none" }
  | { action: "answer_task"; output: Record<string, unknown> }
  | { action: "credit_list"; list: "abnormal" | "serious"; ground: string }
  | { action: "alert"; rule: MissedDeadlineRule; severity: Severity }
  | { action: "grade_lapses" }
) & { runsItsCourse?: true };

/** The risk rules a missed deadline raises, named as the alerts' `rule`. */
export type MissedDeadlineRule = "term_overdue" | "event_summary_missing" | "event_response_overdue";

/** An expiry rule applied to one deadline: the task to answer is the one the deadline guards. */
export type ExpiryAction =
  | { action: "none" }
  | { action: "answer_task"; taskId: string; output: Record<string, unknown> }
  | { action: "credit_list"; list: "abnormal" | "serious"; ground: string }
  | { action: "alert"; rule: MissedDeadlineRule; severity: Severity }
  | { action: "grade_lapses" };

const NOTHING: ExpiryRule = { action: "none" };
const PERIOD_RAN_OUT: ExpiryRule = { action: "answer_task", output: { outcome: "expired" } };

/** One rule per kind; a workflow that adds a kind says here what its miss does. */
export const expiryRules: Readonly<Record<DeadlineKind, ExpiryRule>> = {
  // 未按照规定时限报送年度工作报告 → 活动异常名录.
  annual_report: { action: "credit_list", list: "abnormal", ground: "annual_report_not_submitted" },
  // 被列入活动异常名录满2年 → 严重违法失信名单.
  credit_review: { action: "credit_list", list: "serious", ground: "abnormal_list_two_years" },
  supplement: PERIOD_RAN_OUT,
  // The workflow lists an unmet rectification itself once its task is answered.
  rectification: PERIOD_RAN_OUT,
  // Overdue is an escalation to the supervisor (its ladder), not an outcome of the application.
  decision_limit: NOTHING,
  // 公示期满无异议: the grade is conferred; after an objection the task is answered already and the notice just ends.
  public_notice: { ...PERIOD_RAN_OUT, runsItsCourse: true },
  // 有效期届满: the grade lapses (the public record and the figures read its validity by date).
  grade_expiry: { action: "grade_lapses" },
  // 超期未换届: the term ended with no election on record.
  term_end: { action: "alert", rule: "term_overdue", severity: "high" },
  // The bureau did not answer a reviewed event before it happened.
  event_response: { action: "alert", rule: "event_response_overdue", severity: "medium" },
  // 事后总结 not filed within its period.
  event_summary: { action: "alert", rule: "event_summary_missing", severity: "low" },
};

/** The expiry of one deadline; a task-answering kind with no task waiting does nothing. */
export function expiryActionOf(
  d: Pick<DeadlineRecord, "kind" | "taskId">,
  rules: Readonly<Record<DeadlineKind, ExpiryRule>> = expiryRules,
): ExpiryAction {
  const { runsItsCourse: _, ...rule } = rules[d.kind];
  switch (rule.action) {
    case "answer_task":
      return d.taskId ? { action: "answer_task", taskId: d.taskId, output: rule.output } : { action: "none" };
    default:
      return rule;
  }
}

/** How a deadline of this kind stands once its day has passed: a period that runs its course is met, a duty missed. */
export const endStatusOf = (
  kind: DeadlineKind,
  rules: Readonly<Record<DeadlineKind, ExpiryRule>> = expiryRules,
): "met" | "missed" => (rules[kind].runsItsCourse ? "met" : "missed");
