import {
  addDays,
  addWorkingDays,
  type CalendarResult,
  type IsoDate,
  isValidIsoDate,
  isWorkingDay,
  shanghaiTime,
} from "../calendar/index.js";
import type { DeadlineKind } from "../cases/records.js";

/** Who a rung is for: the organization's contact, the case officer, the responsible queue, or its supervisor. */
export type Audience = "organization" | "case_officer" | "queue" | "supervisor";

export type RungAction = "remind" | "overdue" | "escalate";

/** One step of a reminder ladder: `offset` days (negative = before) from the due date. */
export interface Rung {
  step: string;
  offset: number;
  unit: "calendar" | "working";
  action: RungAction;
  audience: readonly Audience[];
}

/** A rung placed in time; `calendarPublished` is false when working-day arithmetic fell back to weekends only. */
export interface Firing extends Rung {
  at: Date;
  calendarPublished: boolean;
}

function rung(
  offset: number,
  action: RungAction,
  audience: readonly Audience[],
  unit: Rung["unit"] = "calendar",
): Rung {
  const step =
    action === "escalate"
      ? "escalate"
      : offset === 0
        ? "due"
        : offset < 0
          ? `before_${-offset}`
          : `after_${offset}`;
  return { step, offset, unit, action, audience };
}

const ORG = ["organization"] as const;

/** DOMAIN.md §10, the ladders a bureau expects; each jurisdiction may replace them. */
export const defaultLadders: Record<DeadlineKind, readonly Rung[]> = {
  // Nothing to remind: at its date the sweep checks whether the abnormal listing still stands.
  credit_review: [],
  // After the overdue notice the 活动异常名录 entry is another rule's business; the supervisor hears at +7.
  annual_report: [
    rung(-30, "remind", ORG),
    rung(-7, "remind", ORG),
    rung(-1, "remind", ORG),
    rung(0, "remind", ORG),
    rung(1, "overdue", ORG),
    rung(7, "escalate", ["supervisor"]),
  ],
  supplement: [rung(-7, "remind", ORG), rung(-1, "remind", ORG), rung(0, "remind", ORG)],
  rectification: [
    rung(-7, "remind", ORG),
    rung(-1, "remind", ORG),
    rung(0, "remind", ORG),
    rung(1, "overdue", ["organization", "queue"]),
  ],
  // 《行政许可法》第四十二条 counts the decision limit in working days, so its ladder does too.
  decision_limit: [
    rung(-5, "remind", ["case_officer"], "working"),
    rung(-1, "remind", ["case_officer"], "working"),
    rung(1, "escalate", ["supervisor"], "working"),
  ],
  public_notice: [rung(0, "remind", ["queue"])],
  grade_expiry: [rung(-180, "remind", ORG), rung(-30, "remind", ORG)],
  term_end: [
    rung(-90, "remind", ORG),
    rung(-30, "remind", ORG),
    rung(1, "overdue", ["organization", "queue"]),
  ],
  event_response: [rung(-3, "remind", ["queue"]), rung(-1, "remind", ["queue"])],
  event_summary: [rung(-3, "remind", ORG), rung(1, "overdue", ORG)],
};

/** The date n working days before `date`, the mirror of addWorkingDays: addWorkingDays(result, n) is `date`. */
function subtractWorkingDays(date: IsoDate, n: number): CalendarResult {
  let current = date;
  let published = isWorkingDay(date).calendarPublished;
  for (let counted = 0; counted < n; ) {
    current = addDays(current, -1);
    const day = isWorkingDay(current);
    published &&= day.calendarPublished;
    if (day.working) counted++;
  }
  return { date: current, calendarPublished: published };
}

function rungDate(dueDate: IsoDate, r: Rung): CalendarResult {
  if (!Number.isInteger(r.offset)) throw new RangeError(`${r.step}: not a whole number of days: ${r.offset}`);
  if (r.unit === "calendar") return { date: addDays(dueDate, r.offset), calendarPublished: true };
  return r.offset >= 0 ? addWorkingDays(dueDate, r.offset) : subtractWorkingDays(dueDate, -r.offset);
}

/** Every rung of a ladder at `sendAt` Asia/Shanghai on its date, earliest first. */
export function ladderFirings(dueDate: IsoDate, ladder: readonly Rung[], sendAt = "09:00"): Firing[] {
  if (!isValidIsoDate(dueDate)) {
    throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${JSON.stringify(dueDate)}`);
  }
  const steps = new Set<string>();
  for (const r of ladder) {
    // `fired` names rungs by step, so a repeated step would fire once for two rungs.
    if (steps.has(r.step)) throw new RangeError(`ladder repeats step ${JSON.stringify(r.step)}`);
    steps.add(r.step);
  }
  return ladder
    .map((r): Firing => {
      const { date, calendarPublished } = rungDate(dueDate, r);
      return { ...r, at: shanghaiTime(date, sendAt), calendarPublished };
    })
    .sort((a, b) => a.at.getTime() - b.at.getTime());
}
