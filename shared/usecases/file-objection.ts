import type { Principal } from "../domain/access/policy.js";
import { noticeOpenForObjections } from "../domain/assessment/index.js";
import { shanghaiDate } from "../domain/calendar/index.js";
import { caseSubject, SYSTEM, type TaskRecord } from "../domain/cases/records.js";
import { InvalidInput, NotFound, StateConflict } from "../domain/errors.js";
import type { WriteOp } from "../ports/store.js";
import { isAssessment } from "./support/assessment.js";
import { caseChange } from "./support/case-change.js";
import type { Deps } from "./support/deps.js";
import { createOnce } from "./support/idempotency.js";
import { retryOnConflict } from "./support/retry.js";
import { deliverAnswer } from "./support/task-answer.js";

/**
 * 异议: anyone may object while the public notice runs; the first objection ends the wait and sends the case
 * to re-review (复核), later ones join the record. After the notice ends, refused.
 */
export async function fileObjection(
  deps: Deps,
  principal: Principal | undefined,
  caseId: string,
  objection: { reason: string; contact?: string },
  idempotencyKey?: string,
) {
  if (!principal && !objection.contact?.trim()) {
    throw new InvalidInput([
      { field: "contact", code: "required", message: "an objection without sign-in gives a contact" },
    ]);
  }
  const by = principal ? `${principal.role}:${principal.sub}` : `public:${objection.contact}`;
  const idem = idempotencyKey
    ? { principal: by, key: idempotencyKey, body: { caseId, ...objection } }
    : undefined;
  let answered: TaskRecord | undefined;
  const filed = await retryOnConflict(
    async () =>
      createOnce<{ caseId: string; objection: number; noticeEnds: string }>(deps, idem, async () => {
        const record = await deps.store.getCase(caseId);
        if (!record || !isAssessment(record)) throw new NotFound("case");
        const notice = await deps.store.getDeadline({
          subject: caseSubject(caseId),
          kind: "public_notice",
          ref: caseId,
        });
        if (!notice)
          throw new StateConflict("no_public_notice", "the result of this case is not on public notice");
        const now = deps.clock.now();
        if (!noticeOpenForObjections(notice.dueDate, shanghaiDate(now)) || record.status === "graded") {
          throw new StateConflict("notice_ended", `the public notice ended on ${notice.dueDate}`);
        }
        const app = record.application;
        const at = now.toISOString();
        const waiting =
          record.currentTask?.step === "public_notice"
            ? await deps.store.getTask(record.currentTask.taskId)
            : undefined;
        const extra: WriteOp[] = [];
        answered = undefined;
        if (waiting?.status === "open") {
          answered = {
            ...waiting,
            status: "decided",
            outcome: "objected",
            decidedBy: by,
            decidedAt: at,
            version: waiting.version + 1,
          };
          extra.push({ op: "putTask", task: answered, expect: { version: waiting.version, status: "open" } });
        }
        return {
          body: { caseId, objection: app.objections.length + 1, noticeEnds: notice.dueDate },
          ops: caseChange(
            record,
            {
              application: { ...app, objections: [...app.objections, { at, reason: objection.reason, by }] },
            },
            { actor: SYSTEM, action: "objection_filed", note: objection.reason, at: now },
            extra,
          ),
        };
      }),
    { exhausted: () => new StateConflict("concurrent_change", "the case changed meanwhile; try again") },
  );
  if (filed.fresh && answered) await deliverAnswer(deps, answered);
  return filed.body;
}
