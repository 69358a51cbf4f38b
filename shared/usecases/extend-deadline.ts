import { actorOf, type Principal, regulates, regulatesAny } from "../domain/access/policy.js";
import { compareDates } from "../domain/calendar/index.js";
import { actorLabel, type DeadlineRecord } from "../domain/cases/records.js";
import { ACTIVE_DEADLINE, scheduled } from "../domain/deadlines/firing.js";
import { InvalidInput, NotFound, NotPermitted, StateConflict } from "../domain/errors.js";
import { ConflictError } from "../ports/store.js";
import { deadlineId, parseDeadlineId } from "./support/deadline-writes.js";
import type { Deps } from "./support/deps.js";

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
  if (!regulatesAny(principal)) throw new NotPermitted("only a regulator extends a deadline");
  const key = parseDeadlineId(id);
  const found = key ? await deps.store.getDeadline(key) : undefined;
  if (!found) throw new NotFound("deadline");
  if (!regulates(principal, found.jurisdiction ?? "")) throw new NotFound("deadline");
  if (!ACTIVE_DEADLINE.includes(found.status))
    throw new StateConflict("deadline_closed", `the deadline is ${found.status}`);
  if (compareDates(request.dueDate, found.dueDate) <= 0) {
    throw new InvalidInput([
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
    if (error instanceof ConflictError)
      throw new StateConflict("deadline_changed", "the deadline changed meanwhile");
    throw error;
  }
  return {
    deadlineId: deadlineId(extended),
    kind: extended.kind,
    dueDate: extended.dueDate,
    status: extended.status,
  };
}
