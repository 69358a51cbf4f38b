import { describe, expect, it } from "vitest";
import { shanghaiTime } from "../calendar/index.js";
import { caseSubject, type DeadlineRecord, organizationSubject } from "../cases/records.js";
import type { Firing } from "./ladder.js";
import {
  createDeadline,
  extendDeadline,
  fireDeadlineAt,
  reconcileDeadline,
  redateDeadline,
  restartDeadline,
  rungMessageRef,
  settleDeadline,
} from "./lifecycle.js";

const at = (date: string, hhmm = "09:00") => shanghaiTime(date, hhmm);
const steps = (firings: readonly Firing[]) => firings.map((f) => f.step);
const annual = () =>
  createDeadline({
    subject: organizationSubject("X"),
    kind: "annual_report",
    ref: "2024",
    dueDate: "2025-06-03",
  });

/** Sweeps at each instant in turn, returning the record and every step sent. */
function sweepAt(d: DeadlineRecord, instants: Date[]) {
  const sent: string[] = [];
  const stale: string[] = [];
  let expiries = 0;
  for (const t of instants) {
    const r = fireDeadlineAt(d, t);
    sent.push(...steps(r.send));
    stale.push(...steps(r.stale));
    if (r.expiry) expiries++;
    d = r.deadline;
  }
  return { d, sent, stale, expiries };
}

describe("fireDeadlineAt", () => {
  it("fires nothing before the first rung, and points the due index at it", () => {
    const d = annual();
    expect(d.nextFireAt).toBe(at("2025-05-04").toISOString());
    expect(fireDeadlineAt(d, at("2025-05-04", "08:59")).changed).toBe(false);
  });

  it("skips a reminder overtaken by a later rung, overdue notices included", () => {
    const r = fireDeadlineAt(annual(), at("2025-05-28", "10:00"));
    expect(steps(r.send)).toEqual(["before_7"]);
    expect(steps(r.stale)).toEqual(["before_30"]);
    const late = fireDeadlineAt(annual(), at("2025-06-20"));
    expect(steps(late.send)).toEqual(["escalate"]);
    expect(steps(late.stale)).toEqual(["before_30", "before_7", "before_1", "due", "after_1"]);
    expect(late.expiry).toEqual({
      action: "credit_list",
      list: "abnormal",
      ground: "annual_report_not_submitted",
    });
  });

  it("does not send a reminder before the due date once the period has run out", () => {
    const grade = createDeadline({
      subject: organizationSubject("X"),
      kind: "grade_expiry",
      ref: "2025-03-31",
      dueDate: "2025-03-31",
    });
    const r = fireDeadlineAt(grade, at("2025-04-02"));
    expect(r.send).toEqual([]);
    expect(steps(r.stale)).toEqual(["before_180", "before_30"]);
    expect(r.deadline.status).toBe("missed");
  });

  it("misses a grade's expiry once its last rung has fired, and the grade lapses", () => {
    const grade = createDeadline({
      subject: organizationSubject("X"),
      kind: "grade_expiry",
      ref: "2025-03-31",
      dueDate: "2025-03-31",
    });
    const { d, sent, expiries } = sweepAt(grade, [
      at("2024-10-02"),
      at("2025-03-01"),
      at("2025-04-01", "00:00"),
    ]);
    expect(sent).toEqual(["before_180", "before_30"]);
    expect(expiries).toBe(1);
    expect(d.status).toBe("missed");
    expect(d.nextFireAt).toBeUndefined();
    expect(fireDeadlineAt(grade, at("2025-04-01", "00:00")).expiry).toEqual({ action: "grade_lapses" });
  });

  it("ends a public notice (公示) met, never missed, and answers the task waiting on it", () => {
    const notice = createDeadline({
      subject: caseSubject("ASM-1"),
      kind: "public_notice",
      ref: "ASM-1",
      dueDate: "2025-01-15",
      taskId: "T-notice",
    });
    const onTheDay = fireDeadlineAt(notice, at("2025-01-15"));
    expect(steps(onTheDay.send)).toEqual(["due"]);
    expect(onTheDay.expiry).toBeUndefined();
    expect(fireDeadlineAt(onTheDay.deadline, at("2025-01-15", "23:59")).changed).toBe(false);
    const ended = fireDeadlineAt(onTheDay.deadline, at("2025-01-16", "00:00"));
    expect(ended.deadline).toMatchObject({ status: "met", satisfiedOn: "2025-01-15" });
    expect(ended.deadline.missedAt).toBeUndefined();
    expect(ended.deadline.nextFireAt).toBeUndefined();
    expect(ended.expiry).toEqual({
      action: "answer_task",
      taskId: "T-notice",
      output: { outcome: "expired" },
    });
    // Met, it is settled: a later sweep changes nothing and it cannot be extended.
    expect(fireDeadlineAt(ended.deadline, at("2025-01-20")).changed).toBe(false);
    expect(
      extendDeadline(ended.deadline, { date: "2025-01-30", calendarPublished: true }, at("2025-01-16")),
    ).toEqual({ refused: "closed" });
  });

  it("takes a settled deadline still on the due index off it", () => {
    const met = { ...annual(), status: "met" as const };
    const r = fireDeadlineAt(met, at("2025-05-04"));
    expect(r).toMatchObject({ changed: true, retired: true, send: [] });
    expect(r.deadline.nextFireAt).toBeUndefined();
    expect(fireDeadlineAt(r.deadline, at("2025-05-05")).changed).toBe(false);
  });
});

describe("extendDeadline", () => {
  it("starts a new generation whose rungs are new messages (the 30-day reminder goes again)", () => {
    const { d } = sweepAt(annual(), [at("2025-05-04")]);
    const first = rungMessageRef(d, "before_30", "organization");
    const r = extendDeadline(d, { date: "2025-06-30", calendarPublished: true }, at("2025-05-20"));
    if (!("deadline" in r)) throw new Error(r.refused);
    expect(r.deadline).toMatchObject({
      status: "extended",
      generation: 2,
      fired: [],
      extendedFrom: "2025-06-03",
    });
    expect(r.undoes).toBeUndefined();
    const again = fireDeadlineAt(r.deadline, at("2025-05-31"));
    expect(steps(again.send)).toEqual(["before_30"]);
    expect(rungMessageRef(again.deadline, "before_30", "organization")).not.toBe(first);
  });

  it("opens a missed deadline again, says which miss it undoes, and lets it be missed again", () => {
    const { d } = sweepAt(annual(), [at("2025-06-04")]);
    expect(d.status).toBe("missed");
    const r = extendDeadline(d, { date: "2025-06-30", calendarPublished: true }, at("2025-06-05"));
    if (!("deadline" in r)) throw new Error(r.refused);
    expect(r.deadline.status).toBe("extended");
    expect(r.undoes).toEqual({
      missedAt: d.missedAt,
      expiry: expect.objectContaining({ action: "credit_list" }),
    });
    const after = sweepAt(r.deadline, [at("2025-06-23"), at("2025-07-01", "00:00"), at("2025-07-10")]);
    // The overdue notice of 1 July is overtaken by the escalation of 7 July when the sweep comes on the 10th.
    expect(after.sent).toEqual(["before_7", "escalate"]);
    expect(after.expiries).toBe(1);
    expect(after.d.status).toBe("missed");
    expect(after.d.nextFireAt).toBeUndefined();
  });

  it("makes a missed deadline met when what it asked for was done within the new date", () => {
    const { d } = sweepAt(annual(), [at("2025-06-04")]);
    const filedLate = settleDeadline(d, "met", "2025-06-10") as DeadlineRecord;
    expect(filedLate).toMatchObject({ status: "missed", satisfiedOn: "2025-06-10" });
    const r = extendDeadline(filedLate, { date: "2025-06-30", calendarPublished: true }, at("2025-06-12"));
    if (!("deadline" in r)) throw new Error(r.refused);
    expect(r.deadline.status).toBe("met");
    expect(r.deadline.nextFireAt).toBeUndefined();
    expect(r.undoes).toBeDefined();
  });

  it("refuses an earlier date, a date already past, a settled deadline, and a period that answered its task", () => {
    const d = annual();
    const to = (date: string) => ({ date, calendarPublished: true });
    expect(extendDeadline(d, to("2025-06-01"), at("2025-05-01"))).toEqual({ refused: "not_later" });
    expect(extendDeadline(d, to("2025-06-10"), at("2025-06-20"))).toEqual({ refused: "in_the_past" });
    expect(extendDeadline({ ...d, status: "met" }, to("2025-07-01"), at("2025-05-01"))).toEqual({
      refused: "closed",
    });
    const supplement = createDeadline({
      subject: caseSubject("C"),
      kind: "supplement",
      ref: "T1",
      dueDate: "2025-05-06",
      taskId: "T1",
    });
    const { d: ran, expiries } = sweepAt(supplement, [at("2025-05-07")]);
    expect(expiries).toBe(1);
    expect(extendDeadline(ran, to("2025-06-01"), at("2025-05-08"))).toEqual({ refused: "task_expired" });
  });
});

describe("restartDeadline", () => {
  it("restarts a paused decision limit as a new generation, as an extension does", () => {
    const limit = createDeadline({
      subject: caseSubject("C"),
      kind: "decision_limit",
      ref: "C",
      dueDate: "2025-04-30",
    });
    const paused = { ...limit, status: "paused" as const };
    const r = restartDeadline(paused, { date: "2025-06-10", calendarPublished: true });
    expect(r?.deadline).toMatchObject({ status: "open", generation: 2, dueDate: "2025-06-10", fired: [] });
    expect(r?.deadline.nextFireAt).toBeDefined();
    expect(
      restartDeadline({ ...limit, status: "met" }, { date: "2025-06-10", calendarPublished: true }),
    ).toBeUndefined();
  });
});

describe("reconcileDeadline", () => {
  it("makes the deadline of a duty already done met, off the due index", () => {
    const d = reconcileDeadline(annual(), "2025-01-10");
    expect(d.status).toBe("met");
    expect(d.nextFireAt).toBeUndefined();
    expect(reconcileDeadline(annual(), undefined).status).toBe("open");
  });
});

describe("redateDeadline", () => {
  it("moves a provisional date within its generation: rungs already sent stay sent, the rest follow the new date", () => {
    const limit = createDeadline({
      subject: caseSubject("C"),
      kind: "decision_limit",
      ref: "C",
      dueDate: "2027-01-07",
      calendarPublished: false,
    });
    const swept = fireDeadlineAt(limit, at("2026-12-31", "10:00")).deadline;
    expect(swept.fired).toEqual(["before_5"]);
    const moved = redateDeadline(swept, { date: "2027-01-08", calendarPublished: true });
    expect(moved).toMatchObject({
      dueDate: "2027-01-08",
      calendarPublished: true,
      generation: 1,
      fired: ["before_5"],
      version: swept.version + 1,
    });
    expect(Date.parse(moved.nextFireAt ?? "")).toBeGreaterThan(Date.parse(swept.nextFireAt ?? ""));
    expect(fireDeadlineAt(moved, at("2027-01-07", "10:00")).send.map((f) => f.step)).toEqual(["before_1"]);
  });
});
