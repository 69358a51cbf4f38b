import { actorOf, type Principal } from "../domain/access/policy.js";
import { shanghaiDate } from "../domain/calendar/index.js";
import { type CaseRecord, caseSubject } from "../domain/cases/records.js";
import { settleDeadline } from "../domain/deadlines/lifecycle.js";
import { InvalidInput, NotFound, NotPermitted, StateConflict } from "../domain/errors.js";
import type { MajorEventApplication } from "../domain/major-events/index.js";
import type { WriteOp } from "../ports/store.js";
import { assertCaseReader } from "./support/applicant-answer.js";
import { caseChange } from "./support/case-change.js";
import type { Deps } from "./support/deps.js";
import { retryOnConflict } from "./support/retry.js";

/**
 * 事后总结: the organization's summary of an event it reported in advance meets the event_summary
 * deadline; filed after the deadline it is kept and the deadline stays missed.
 */
export async function fileEventSummary(deps: Deps, principal: Principal, caseId: string, text: string) {
  if (text.trim() === "") {
    throw new InvalidInput([{ field: "text", code: "required", message: "the summary is empty" }]);
  }
  return retryOnConflict(
    async () => {
      const record = (await deps.store.getCase(caseId)) as CaseRecord<MajorEventApplication> | undefined;
      if (!record) throw new NotFound("case");
      assertCaseReader(principal, record);
      if (principal.role !== "org") throw new NotPermitted("only the organization files its summary");
      if (record.kind !== "major_event") throw new NotFound("case");
      if (record.application.summary) {
        throw new StateConflict("summary_filed", "the summary of this event is filed already");
      }
      const deadline = await deps.store.getDeadline({
        subject: caseSubject(caseId),
        kind: "event_summary",
        ref: caseId,
      });
      if (!deadline || deadline.status === "waived") {
        throw new StateConflict("no_summary_due", "no summary is due for this event");
      }
      const now = deps.clock.now();
      const onTime = deadline.status !== "missed";
      // A late summary keeps the miss and records the day it came (satisfiedOn).
      const settled = settleDeadline(deadline, "met", shanghaiDate(now));
      const extra: WriteOp[] = settled
        ? [{ op: "putDeadline", deadline: settled, expectVersion: deadline.version }]
        : [];
      await deps.store.transact(
        caseChange(
          record,
          { application: { ...record.application, summary: { text, filedAt: now.toISOString() } } },
          { actor: actorOf(principal), action: onTime ? "summary_filed" : "summary_filed_late", at: now },
          extra,
        ),
      );
      return { caseId, status: onTime ? "met" : "missed" };
    },
    {
      exhausted: () =>
        new StateConflict("case_changed", "the case changed while the summary was filed; try again"),
    },
  );
}
