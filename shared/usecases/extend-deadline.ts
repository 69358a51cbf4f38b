import { compareDates } from "../domain/calendar/index.js";
import { actorLabel, type DeadlineRecord } from "../domain/cases/records.js";
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
  const found = key ? await deps.store.getDeadline(key) : undefined;
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
