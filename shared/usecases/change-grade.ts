import { actorOf, type Principal, regulates, regulatesAny } from "../domain/access/policy.js";
import { gradeRank, isGradeValid } from "../domain/assessment/index.js";
import { addYears, shanghaiDate } from "../domain/calendar/index.js";
import { actorLabel, organizationSubject } from "../domain/cases/records.js";
import { InvalidInput, NotFound, NotPermitted, RuleRefusal, StateConflict } from "../domain/errors.js";
import type { Grade, OrganizationRecord } from "../domain/organizations/records.js";
import { composeMessages } from "../notify/compose.js";
import type { WriteOp } from "../ports/store.js";
import { settingsFor } from "../settings/index.js";
import { organizationLink } from "./support/assessment.js";
import { outboxWrites } from "./support/case-change.js";
import { deadlineWrite, settledWrites } from "./support/deadline-writes.js";
import type { Deps } from "./support/deps.js";
import { retryOnConflict } from "./support/retry.js";

/** DOMAIN.md §6: the grounds on which a regulator lowers or withdraws a grade. */
export const GRADE_CHANGE_GROUNDS = [
  "assessment_fraud",
  "inspection_failed",
  "administrative_penalty",
  "credit_listing",
] as const;

export interface GradeChange {
  action: "downgrade" | "withdraw";
  level?: Grade;
  ground: (typeof GRADE_CHANGE_GROUNDS)[number];
  reason: string;
}

/**
 * 降级 / 撤销等级 by the regulator of the organization: on its record and timeline, and it is told. A
 * withdrawn organization may not apply again for the ban period; its grade's expiry no longer runs.
 */
export async function changeGrade(deps: Deps, principal: Principal, uscc: string, change: GradeChange) {
  if (!regulatesAny(principal)) throw new NotPermitted("only a regulator changes a grade");
  return retryOnConflict(changed, { exhausted: () => concurrentChange });
  async function changed() {
    const org = await deps.store.getOrganization(uscc);
    if (!org || !regulates(principal, org.jurisdiction)) throw new NotFound("organization");
    const now = deps.clock.now();
    const today = shanghaiDate(now);
    const current = org.grade;
    if (!current || !isGradeValid(current, today))
      throw new RuleRefusal("no_valid_grade", "the organization has no valid grade");
    if (
      change.action === "downgrade" &&
      (!change.level || gradeRank(change.level) >= gradeRank(current.level))
    ) {
      throw new InvalidInput([
        { field: "level", code: "not_lower", message: `a downgrade names a grade below ${current.level}` },
      ]);
    }
    const settings = settingsFor(org.jurisdiction);
    const expiry = await deps.store.getDeadline({
      subject: organizationSubject(uscc),
      kind: "grade_expiry",
      ref: current.validUntil,
    });
    const { grade: _, ...ungraded } = org;
    const updated: OrganizationRecord =
      change.action === "withdraw"
        ? { ...ungraded, gradeWithdrawnOn: today, version: org.version + 1 }
        : { ...org, grade: { ...current, level: change.level as Grade }, version: org.version + 1 };
    const link = organizationLink(org.jurisdiction, uscc);
    const messages = composeMessages({
      ...(change.action === "withdraw"
        ? {
            kind: "grade_withdrawn" as const,
            vars: {
              orgName: org.name,
              grade: current.level,
              reason: change.reason,
              dueDate: addYears(today, settings.assessment.withdrawalBanYears),
              link,
            },
          }
        : {
            kind: "grade_downgraded" as const,
            vars: { orgName: org.name, grade: change.level as Grade, reason: change.reason, link },
          }),
      ref: `${uscc}|${change.action}|${now.toISOString()}`,
      to: org.contact,
      locale: settings.reminders.locale,
      jurisdiction: org.jurisdiction,
      now,
    });
    const action = change.action === "withdraw" ? "grade_withdrawn" : "grade_downgraded";
    const ops: WriteOp[] = [
      { op: "putOrganization", organization: updated, expectVersion: org.version },
      {
        op: "appendEvent",
        subject: organizationSubject(uscc),
        event: {
          at: now.toISOString(),
          actor: actorLabel(actorOf(principal)),
          action,
          note: `${current.level}${change.action === "downgrade" ? ` → ${change.level}` : ""} (${change.ground}): ${change.reason}`,
        },
      },
      ...outboxWrites(messages),
    ];
    if (expiry?.status === "open") {
      ops.push(
        ...(change.action === "withdraw"
          ? settledWrites(expiry, "waived")
          : [
              deadlineWrite(
                {
                  ...expiry,
                  vars: { ...expiry.vars, grade: change.level as Grade },
                  version: expiry.version + 1,
                },
                expiry,
              ),
            ]),
      );
    }
    await deps.store.transact(ops);
    await deps.notifier.enqueue(messages.map((m) => m.id));
    return { uscc, action, ...(updated.grade ? { grade: updated.grade } : {}) };
  }
}

const concurrentChange = new StateConflict(
  "concurrent_change",
  "the organization changed meanwhile; try again",
);
