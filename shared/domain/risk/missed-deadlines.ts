import { type DeadlineRecord, subjectRef } from "../cases/records.js";
import type { MissedDeadlineRule } from "../deadlines/expiry.js";
import { generationOf } from "../deadlines/lifecycle.js";
import type { AlertRecord, Severity } from "./alerts.js";

/** What the deadline's own record does not say but its explanation needs. */
export interface MissedContext {
  /** The first day of the term a term_end deadline closes, when the register knows it. */
  termStart?: string;
}

function explain(d: DeadlineRecord, rule: MissedDeadlineRule, context: MissedContext): string {
  const org = d.orgName ?? d.uscc ?? "the organization";
  const event = d.vars?.eventName ? `“${d.vars.eventName}”` : "the event";
  switch (rule) {
    case "term_overdue": {
      const ran = context.termStart ? ` that ran from ${context.termStart}` : "";
      return `The term of ${org}${ran} ended on ${d.dueDate} and no election is on record (超期未换届)`;
    }
    case "event_summary_missing":
      return `${org} has not filed the summary of ${event} (case ${d.caseId ?? d.ref}), due by ${d.dueDate} (事后总结逾期未报)`;
    case "event_response_overdue":
      return `The bureau did not answer ${event} reported by ${org} (case ${d.caseId ?? d.ref}) by ${d.dueDate}, before the event (重大事项未按时答复)`;
  }
}

/**
 * The risk alert a missed deadline raises (DOMAIN §8: an overdue term is a risk), explained from the
 * deadline itself. One per deadline and generation, so a sweep that runs again raises it no second time.
 */
export function missedDeadlineAlert(
  d: DeadlineRecord,
  raise: { rule: MissedDeadlineRule; severity: Severity },
  context: MissedContext,
  now: Date,
): AlertRecord {
  return {
    alertId: `${raise.rule}|${subjectRef(d.subject)}|${d.ref}|g${generationOf(d)}`,
    jurisdiction: d.jurisdiction ?? "000000",
    ...(d.uscc ? { uscc: d.uscc } : {}),
    rule: raise.rule,
    severity: raise.severity,
    explanation: explain(d, raise.rule, context),
    evidence: {
      deadline: d.kind,
      ref: d.ref,
      dueDate: d.dueDate,
      ...(d.caseId ? { caseId: d.caseId } : {}),
      ...(d.vars?.eventName ? { eventName: d.vars.eventName } : {}),
      ...(context.termStart ? { termStart: context.termStart } : {}),
    },
    raisedAt: now.toISOString(),
    status: "open",
    version: 1,
  };
}
