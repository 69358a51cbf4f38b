import { reportFiled } from "../../domain/annual-inspection/index.js";
import { compareDates } from "../../domain/calendar/index.js";
import { type DeadlineRecord, organizationSubject, type TaskRecord } from "../../domain/cases/records.js";
import type { ExpiryAction } from "../../domain/deadlines/index.js";
import { missedDeadlineAlert } from "../../domain/risk/missed-deadlines.js";
import type { WriteOp } from "../../ports/store.js";
import { creditListing } from "./credit-listing.js";
import type { Deps } from "./deps.js";
import { deliverAnswer } from "./task-answer.js";

/** What an expiry writes in the deadline's own transaction, and what follows once it has committed. */
export interface ExpiryEffect {
  writes: WriteOp[];
  /** Outbox messages the writes add, to deliver after the commit. */
  messageIds: string[];
  /** Risk alerts the writes raise: an alert is reported as one raised, not as a step fired. */
  alerts: number;
  afterCommit(): Promise<void>;
}

const NO_EFFECT: ExpiryEffect = { writes: [], messageIds: [], alerts: 0, afterCommit: async () => {} };

type Handler<A extends ExpiryAction["action"]> = (
  deps: Deps,
  d: DeadlineRecord,
  action: Extract<ExpiryAction, { action: A }>,
  now: Date,
) => Promise<ExpiryEffect>;

/**
 * How each expiry action of domain/deadlines/expiry.ts turns into writes. A kind picks its action in the
 * domain's `expiryRules`; a new action is a new entry here.
 */
const handlers: { [A in ExpiryAction["action"]]: Handler<A> } = {
  none: async () => NO_EFFECT,

  // The period ran out: the waiting task is answered (`expired`), conditional on it still being open.
  answer_task: async (deps, _d, action, now) => {
    const task = await deps.store.getTask(action.taskId);
    if (task?.status !== "open") return NO_EFFECT;
    const expired: TaskRecord = {
      ...task,
      status: "expired",
      outcome: String(action.output.outcome ?? "expired"),
      decidedAt: now.toISOString(),
      version: task.version + 1,
    };
    return {
      writes: [{ op: "putTask", task: expired, expect: { version: task.version, status: "open" } }],
      messageIds: [],
      alerts: 0,
      afterCommit: async () => {
        await deliverAnswer(deps, expired);
      },
    };
  },

  credit_list: async (deps, d, action, now) => {
    if (!d.uscc) return NO_EFFECT;
    const listing = await creditListing(
      deps,
      d.uscc,
      action.list,
      action.ground,
      "system",
      now,
      d.kind === "annual_report" ? Number(d.ref) : undefined,
    );
    return listing ? { ...listing, alerts: 0 } : NO_EFFECT;
  },

  // 风险预警: the alert explains the miss; its id is the deadline's, so it is raised once.
  alert: async (deps, d, action, now) => {
    const org = d.kind === "term_end" && d.uscc ? await deps.store.getOrganization(d.uscc) : undefined;
    const termStart = org?.term?.end === d.ref ? org.term.start : undefined;
    const alert = missedDeadlineAlert(d, action, termStart ? { termStart } : {}, now);
    return {
      writes: [{ op: "putAlert", alert, expectVersion: "absent" }],
      messageIds: [],
      alerts: 1,
      afterCommit: async () => {},
    };
  },
  // 等级有效期届满: on the organization's timeline once, unless a newer grade or a withdrawal replaced it.
  grade_lapses: async (deps, d, _action, now) => {
    const org = d.uscc ? await deps.store.getOrganization(d.uscc) : undefined;
    if (!org?.grade || org.grade.validUntil !== d.ref) return NO_EFFECT;
    const { level, validUntil, certificateNo } = org.grade;
    return {
      ...NO_EFFECT,
      writes: [
        {
          op: "appendEvent",
          subject: organizationSubject(org.uscc),
          event: {
            at: now.toISOString(),
            actor: "system",
            action: "grade_expired",
            note: `${level}${certificateNo ? `, certificate ${certificateNo}` : ""}, valid until ${validUntil}`,
          },
        },
      ],
    };
  },
};

export function expiryEffect(deps: Deps, d: DeadlineRecord, action: ExpiryAction, now: Date) {
  return (handlers[action.action] as Handler<typeof action.action>)(deps, d, action, now);
}

/**
 * Whether what a deadline asked for is on record after all, checked at its miss: a report filed while its
 * season was being opened makes the deadline met, never a listing.
 */
const dutyDone: Partial<Record<DeadlineRecord["kind"], (deps: Deps, d: DeadlineRecord) => Promise<boolean>>> =
  {
    annual_report: async (deps, d) => {
      const org = d.uscc ? await deps.store.getOrganization(d.uscc) : undefined;
      return org !== undefined && reportFiled(org, Number(d.ref));
    },
    // An election already moved the register on to a later term.
    term_end: async (deps, d) => {
      const org = d.uscc ? await deps.store.getOrganization(d.uscc) : undefined;
      return org?.term !== undefined && compareDates(org.term.end, d.ref) > 0;
    },
  };

export const isDutyDone = (deps: Deps, d: DeadlineRecord): Promise<boolean> =>
  dutyDone[d.kind]?.(deps, d) ?? Promise.resolve(false);
