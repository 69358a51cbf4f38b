import { actorOf, type Principal, regulates, regulatesAny } from "../domain/access/policy.js";
import { actorLabel } from "../domain/cases/records.js";
import { type ExtensionRefusal, extendDeadline as extended } from "../domain/deadlines/index.js";
import { InvalidInput, NotFound, NotPermitted, RuleRefusal, StateConflict } from "../domain/errors.js";
import { deadlineId, deadlineWrite, parseDeadlineId } from "./support/deadline-writes.js";
import type { Deps } from "./support/deps.js";
import { undoneMissWrites } from "./support/reopen.js";
import { retryOnConflict } from "./support/retry.js";

function refusal(reason: ExtensionRefusal, dueDate: string, status: string) {
  switch (reason) {
    case "closed":
      return new StateConflict("deadline_closed", `the deadline is ${status}`);
    case "not_later":
      return new InvalidInput([
        { field: "dueDate", code: "not_later", message: `must be after the current due date ${dueDate}` },
      ]);
    case "in_the_past":
      return new InvalidInput([{ field: "dueDate", code: "in_the_past", message: "must be today or later" }]);
    case "task_expired":
      return new RuleRefusal("period_ran_out", "the period ran out and the case has moved on");
  }
}

/**
 * A regulator extends an open or missed deadline with its reasons: a new generation due on the new date,
 * its reminders sent again; a missed one is open again and the listing its miss caused ends. All of it,
 * with the extension on the subject's timeline, in one transaction, retried on a concurrent change.
 */
export async function extendDeadline(
  deps: Deps,
  principal: Principal,
  id: string,
  request: { dueDate: string; reason: string },
) {
  if (!regulatesAny(principal)) throw new NotPermitted("only a regulator extends a deadline");
  const key = parseDeadlineId(id);
  return retryOnConflict(
    async () => {
      const found = key ? await deps.store.getDeadline(key) : undefined;
      if (!found || !regulates(principal, found.jurisdiction ?? "")) throw new NotFound("deadline");
      const now = deps.clock.now();
      // A date a regulator chose is not provisional: a calendar loaded later does not move it.
      const result = extended(found, { date: request.dueDate, calendarPublished: true }, now);
      if ("refused" in result) throw refusal(result.refused, found.dueDate, found.status);
      const actor = actorLabel(actorOf(principal));
      await deps.store.transact([
        deadlineWrite(result.deadline, found),
        {
          op: "appendEvent",
          subject: found.subject,
          event: {
            at: now.toISOString(),
            actor,
            action: `deadline_extended:${found.kind}`,
            note: `${found.dueDate} → ${request.dueDate}: ${request.reason}`,
          },
        },
        ...(await undoneMissWrites(deps, found, result, actor, now)),
      ]);
      return {
        deadlineId: deadlineId(result.deadline),
        kind: result.deadline.kind,
        dueDate: result.deadline.dueDate,
        status: result.deadline.status,
        generation: result.deadline.generation,
      };
    },
    { exhausted: () => new StateConflict("deadline_changed", "the deadline kept changing; try again") },
  );
}
