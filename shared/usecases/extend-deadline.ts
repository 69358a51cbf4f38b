import { compareDates, shanghaiDate } from "../domain/calendar/index.js";
import { actorLabel, type DeadlineRecord } from "../domain/cases/records.js";
import type { OrganizationRecord } from "../domain/organizations/records.js";
import { jurisdictionStatistics } from "../domain/organizations/statistics.js";
import { ConflictError } from "../ports/store.js";
import { deadlineId, parseDeadlineId, scheduled } from "./deadline-writes.js";
import type { Deps } from "./deps.js";
import { conflict, forbidden, invalid, notFound } from "./errors.js";
import { ACTIVE_DEADLINE } from "./fire-deadline.js";
import { actorOf, type Principal } from "./principal.js";

/**
 * A regulator extends a deadline with its reasons: the new date replaces the old, the reminder ladder
 * starts again for it, and the extension goes on the subject's timeline.
 */
export async function extendDeadline(
  deps: Deps,
  principal: Principal,
  id: string,
  request: { dueDate: string; reason: string },
) {
  if (principal.role === "org") throw forbidden("only a regulator extends a deadline");
  const key = parseDeadlineId(id);
  const found = key ? await deps.store.getDeadline(key.subject, key.kind, key.ref) : undefined;
  if (!found) throw notFound("deadline");
  if (principal.role === "regulator" && found.jurisdiction !== principal.jurisdiction)
    throw notFound("deadline");
  if (!ACTIVE_DEADLINE.includes(found.status))
    throw conflict("deadline_closed", `the deadline is ${found.status}`);
  if (compareDates(request.dueDate, found.dueDate) <= 0) {
    throw invalid([
      { field: "dueDate", code: "not_later", message: `must be after the current due date ${found.dueDate}` },
    ]);
  }
  const now = deps.clock.now();
  const extended: DeadlineRecord = scheduled(
    {
      ...found,
      status: "extended",
      dueDate: request.dueDate,
      extendedFrom: found.dueDate,
      fired: [],
      version: found.version + 1,
    },
    now,
  );
  try {
    await deps.store.transact([
      { op: "putDeadline", deadline: extended, expectVersion: found.version },
      {
        op: "appendEvent",
        subject: found.subject,
        event: {
          at: now.toISOString(),
          actor: actorLabel(actorOf(principal)),
          action: `deadline_extended:${found.kind}`,
          note: `${found.dueDate} → ${request.dueDate}: ${request.reason}`,
        },
      },
    ]);
  } catch (error) {
    if (error instanceof ConflictError) throw conflict("deadline_changed", "the deadline changed meanwhile");
    throw error;
  }
  return {
    deadlineId: deadlineId(extended),
    kind: extended.kind,
    dueDate: extended.dueDate,
    status: extended.status,
  };
}

/** Open alerts of the regulator's jurisdiction, most severe first; an admin names the jurisdiction. */
export async function listAlerts(
  deps: Deps,
  principal: Principal,
  status: "open" | "closed",
  jurisdiction?: string,
) {
  let scope: string;
  if (principal.role === "regulator") scope = principal.jurisdiction;
  else if (principal.role === "admin") scope = jurisdiction ?? "000000";
  else throw forbidden("only a regulator or an admin reads alerts");
  const alerts = await deps.store.listAlerts(scope, status);
  return {
    items: alerts.map((a) => ({
      alertId: a.alertId,
      ...(a.uscc ? { uscc: a.uscc } : {}),
      rule: a.rule,
      severity: a.severity,
      explanation: a.explanation,
      evidence: a.evidence,
      raisedAt: a.raisedAt,
    })),
  };
}

/** A jurisdiction's statistics: its register, annual-report completion, 3A-and-above share, lists, alerts. */
export async function jurisdictionStats(
  deps: Deps,
  principal: Principal,
  query: { year?: number; jurisdiction?: string },
) {
  let scope: string;
  if (principal.role === "regulator") scope = principal.jurisdiction;
  else if (principal.role === "admin" && query.jurisdiction) scope = query.jurisdiction;
  else if (principal.role === "admin") {
    throw invalid([{ field: "jurisdiction", code: "required", message: "an admin names the jurisdiction" }]);
  } else throw forbidden("only a regulator or an admin reads statistics");
  const today = shanghaiDate(deps.clock.now());
  const year = query.year ?? Number(today.slice(0, 4)) - 1;
  const orgs: OrganizationRecord[] = [];
  let after: string | undefined;
  do {
    const page = await deps.store.listOrganizations(scope, after ? { after, limit: 1000 } : { limit: 1000 });
    orgs.push(...page.items);
    after = page.next;
  } while (after);
  const openAlerts = await deps.store.listAlerts(scope, "open");
  return {
    jurisdiction: scope,
    asOf: today,
    ...jurisdictionStatistics(orgs, year, today),
    openAlerts: openAlerts.length,
  };
}
