import {
  addDays,
  type CalendarResult,
  compareDates,
  type IsoDate,
  shanghaiDate,
  startOfShanghaiDay,
} from "../calendar/index.js";
import { type DeadlineRecord, type DeadlineStatus, subjectRef } from "../cases/records.js";
import { type ExpiryAction, endStatusOf, expiryActionOf } from "./expiry.js";
import { type Audience, defaultLadders, type Firing, ladderFirings, type Rung } from "./ladder.js";

/**
 * One lifecycle for every deadline (DESIGN "Deadlines"): created (or reconciled with what is already
 * filed), reminded by its ladder, extended or restarted (a new generation), settled (met, waived) or
 * missed at the start of the day after its due date, and then off the due index for good.
 * Each transition returns the next record with its version advanced; the caller writes it conditional on
 * the version it read.
 */

/** A deadline as its creator describes it; the lifecycle fills in status, generation and schedule. */
export type NewDeadline = Omit<
  DeadlineRecord,
  "status" | "version" | "generation" | "fired" | "nextFireAt" | "missedAt" | "satisfiedOn" | "extendedFrom"
>;

/** Open (extended is open with a new date) or missed with overdue rungs still to go: the sweep acts on it. */
const LIVE: readonly DeadlineStatus[] = ["open", "extended", "missed"];
/** Settled for good: nothing about it changes again. */
const SETTLED: readonly DeadlineStatus[] = ["met", "waived"];

export const isLive = (d: Pick<DeadlineRecord, "status">): boolean => LIVE.includes(d.status);
export const isSettled = (d: Pick<DeadlineRecord, "status">): boolean => SETTLED.includes(d.status);
export const generationOf = (d: Pick<DeadlineRecord, "generation">): number => d.generation ?? 1;

/** The instant a deadline's period has run out: the start of the day after its due date. */
export const expiryInstant = (d: Pick<DeadlineRecord, "dueDate">): Date =>
  startOfShanghaiDay(addDays(d.dueDate, 1));

/** The reference of one rung's message to one audience: a new generation is a new message. */
export const rungMessageRef = (
  d: Pick<DeadlineRecord, "subject" | "kind" | "ref" | "generation">,
  step: string,
  audience: Audience,
): string => `${subjectRef(d.subject)}|${d.kind}|${d.ref}|g${generationOf(d)}|${step}|${audience}`;

const ladderOf = (d: DeadlineRecord, ladders: LadderTable): readonly Rung[] => ladders[d.kind] ?? [];
type LadderTable = Partial<Record<DeadlineRecord["kind"], readonly Rung[]>>;

/**
 * When the sweep should look at a deadline next: its first rung not yet fired (or skipped), or its expiry
 * if that is sooner and it has not been missed. A rung or an expiry already past (a deadline created or
 * extended late) is due at once; the sweep then sends the latest and records the others as stale.
 */
export function nextFiring(d: DeadlineRecord, ladders: LadderTable = defaultLadders): string | undefined {
  if (!isLive(d)) return undefined;
  const done = new Set(d.fired ?? []);
  const candidates = ladderFirings(d.dueDate, ladderOf(d, ladders))
    .filter((f) => !done.has(f.step))
    .map((f) => f.at.getTime());
  if (d.status !== "missed") candidates.push(expiryInstant(d).getTime());
  return candidates.length > 0 ? new Date(Math.min(...candidates)).toISOString() : undefined;
}

/** The same record with its due-index entry set from its state at `now`. */
function rescheduled(d: DeadlineRecord, ladders: LadderTable = defaultLadders): DeadlineRecord {
  const { nextFireAt: _, ...rest } = d;
  const next = nextFiring(rest, ladders);
  return next ? { ...rest, nextFireAt: next } : rest;
}

/** A new deadline: open, first generation, on the due index at its first firing. */
export function createDeadline(fields: NewDeadline, ladders?: LadderTable): DeadlineRecord {
  return rescheduled({ ...fields, status: "open", generation: 1, fired: [], version: 1 }, ladders);
}

/**
 * A deadline created for a duty already done (a report filed before its season opened) is met from the
 * start; otherwise it is the deadline as created.
 */
export function reconcileDeadline(d: DeadlineRecord, doneOn: IsoDate | undefined): DeadlineRecord {
  if (doneOn === undefined) return d;
  return settleDeadline(d, "met", doneOn) ?? d;
}

/** What a sweep at one instant does to one deadline. */
export interface Firings {
  /** The record after the sweep; write it (conditional on the version read) when `changed`. */
  deadline: DeadlineRecord;
  changed: boolean;
  /** Rungs whose messages go now. */
  send: Firing[];
  /** Rungs whose time came but which a later rung (or the expiry) overtook: recorded, never sent. */
  stale: Firing[];
  /** Set when the deadline's day passed in this sweep (missed, or met for a period that runs its course): what its kind does then, once. */
  expiry?: ExpiryAction;
  /** Found settled or paused while still on the due index, and taken off it. */
  retired: boolean;
}

/**
 * What a sweep at instant `t` does to one deadline. A rung is sent at most once per generation, and only
 * while no later rung's instant has come and, for a rung before the due date has run out, while the
 * deadline has not expired; otherwise it is stale. At the expiry an open deadline is missed and its
 * kind's expiry action happens.
 */
export function fireDeadlineAt(d: DeadlineRecord, t: Date, ladders: LadderTable = defaultLadders): Firings {
  const none = { send: [], stale: [] };
  if (!isLive(d)) {
    if (d.nextFireAt === undefined) return { deadline: d, changed: false, retired: false, ...none };
    const { nextFireAt: _, ...off } = d;
    return { deadline: { ...off, version: d.version + 1 }, changed: true, retired: true, ...none };
  }
  const tMs = t.getTime();
  const expiry = expiryInstant(d).getTime();
  const missesNow = d.status !== "missed" && expiry <= tMs;
  const done = new Set(d.fired ?? []);
  const firings = ladderFirings(d.dueDate, ladderOf(d, ladders));
  const send: Firing[] = [];
  const stale: Firing[] = [];
  for (const f of firings) {
    const at = f.at.getTime();
    if (at > tMs || done.has(f.step)) continue;
    const later = firings.find((g) => g.at.getTime() > at);
    const overtaken = (later !== undefined && later.at.getTime() <= tMs) || (at < expiry && expiry <= tMs);
    (overtaken ? stale : send).push(f);
  }
  const fired = [...(d.fired ?? []), ...send.map((f) => f.step), ...stale.map((f) => f.step)];
  const after: DeadlineRecord = !missesNow
    ? { ...d, fired }
    : endStatusOf(d.kind) === "met"
      ? { ...d, status: "met", satisfiedOn: d.dueDate, fired }
      : { ...d, status: "missed", missedAt: t.toISOString(), fired };
  const next = rescheduled(after, ladders);
  const sameSchedule =
    (next.nextFireAt === undefined) === (d.nextFireAt === undefined) &&
    (next.nextFireAt === undefined || Date.parse(next.nextFireAt) === Date.parse(d.nextFireAt ?? ""));
  if (send.length === 0 && stale.length === 0 && !missesNow && sameSchedule) {
    return { deadline: d, changed: false, retired: false, ...none };
  }
  return {
    deadline: { ...next, version: d.version + 1 },
    changed: true,
    send,
    stale,
    ...(missesNow ? { expiry: expiryActionOf(d) } : {}),
    retired: false,
  };
}

/** A new generation of the same deadline: its ladder runs again from the start for the new date. */
function nextGeneration(
  d: DeadlineRecord,
  change: Pick<DeadlineRecord, "status" | "dueDate"> & Partial<DeadlineRecord>,
  ladders?: LadderTable,
): DeadlineRecord {
  const { missedAt: _, satisfiedOn: __, ...rest } = d;
  return rescheduled(
    { ...rest, ...change, generation: generationOf(d) + 1, fired: [], version: d.version + 1 },
    ladders,
  );
}

export type ExtensionRefusal = "closed" | "not_later" | "in_the_past" | "task_expired";

/** The result of extending or restarting: the next record, and the miss it undoes, if any. */
export interface Reopened {
  deadline: DeadlineRecord;
  /** The miss the new generation undoes (the record as it was), so what the miss caused can be revisited. */
  undoes?: { missedAt: string; expiry: ExpiryAction };
}

function undone(d: DeadlineRecord): Reopened["undoes"] {
  return d.status === "missed" && d.missedAt
    ? { missedAt: d.missedAt, expiry: expiryActionOf(d) }
    : undefined;
}

/**
 * A regulator extends an open or missed deadline to a later date, today or after: a new generation whose
 * reminders go again. A missed one is open again, unless what it asked for has been done since, in which
 * case it is met, as that was within the new date. A period whose expiry already answered its waiting
 * task cannot be extended: the case has moved on.
 */
export function extendDeadline(
  d: DeadlineRecord,
  to: CalendarResult,
  now: Date,
  ladders?: LadderTable,
): Reopened | { refused: ExtensionRefusal } {
  if (!isLive(d)) return { refused: "closed" };
  if (compareDates(to.date, d.dueDate) <= 0) return { refused: "not_later" };
  if (compareDates(to.date, shanghaiDate(now)) < 0) return { refused: "in_the_past" };
  const undoes = undone(d);
  if (undoes?.expiry.action === "answer_task") return { refused: "task_expired" };
  const met =
    d.status === "missed" && d.satisfiedOn !== undefined && compareDates(d.satisfiedOn, to.date) <= 0;
  const deadline = nextGeneration(
    d,
    {
      status: met ? "met" : "extended",
      dueDate: to.date,
      calendarPublished: to.calendarPublished,
      extendedFrom: d.dueDate,
    },
    ladders,
  );
  return undoes ? { deadline, undoes } : { deadline };
}

/**
 * A clock that starts again in full (the decision limit once 补正 materials are complete): a new
 * generation due on `due`, by the same rule as an extension. Nothing when the deadline is settled.
 */
export function restartDeadline(
  d: DeadlineRecord,
  due: CalendarResult,
  ladders?: LadderTable,
): Reopened | undefined {
  if (isSettled(d)) return undefined;
  const undoes = undone(d);
  const deadline = nextGeneration(
    d,
    { status: "open", dueDate: due.date, calendarPublished: due.calendarPublished },
    ladders,
  );
  return undoes ? { deadline, undoes } : { deadline };
}

/**
 * A provisional date the official calendar moved, once that year's notice is loaded: the same generation on
 * the new date, rescheduled; rungs already sent stay sent (the move itself is told to those concerned).
 */
export function redateDeadline(
  d: DeadlineRecord,
  due: CalendarResult,
  ladders?: LadderTable,
): DeadlineRecord {
  return rescheduled(
    { ...d, dueDate: due.date, calendarPublished: due.calendarPublished, version: d.version + 1 },
    ladders,
  );
}

/**
 * Met or waived: off the due index for good. A deadline already missed stays missed (the miss happened
 * and what it caused stands), but its ladder stops and the day it was done is kept.
 * Nothing when it is already settled.
 */
export function settleDeadline(
  d: DeadlineRecord,
  outcome: "met" | "waived",
  on?: IsoDate,
): DeadlineRecord | undefined {
  if (isSettled(d)) return undefined;
  const { nextFireAt: _, ...rest } = d;
  if (d.status === "missed") {
    if (d.nextFireAt === undefined && (outcome === "waived" || d.satisfiedOn !== undefined)) return undefined;
    return { ...rest, ...(outcome === "met" && on ? { satisfiedOn: on } : {}), version: d.version + 1 };
  }
  return { ...rest, status: outcome, version: d.version + 1 };
}

/** A clock stopped while the applicant is asked for something (补正): off the due index until restarted. */
export function pauseDeadline(d: DeadlineRecord): DeadlineRecord | undefined {
  if (isSettled(d) || d.status === "paused") return undefined;
  const { nextFireAt: _, ...rest } = d;
  return { ...rest, status: "paused", version: d.version + 1 };
}
