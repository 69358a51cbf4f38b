import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, shanghaiDate, shanghaiTime } from "../calendar/index.js";
import { type DeadlineKind, type DeadlineRecord, organizationSubject } from "../cases/records.js";
import { endStatusOf } from "./expiry.js";
import { defaultLadders, type Firing, ladderFirings } from "./ladder.js";
import {
  createDeadline,
  expiryInstant,
  extendDeadline,
  fireDeadlineAt,
  generationOf,
  isLive,
  pauseDeadline,
  restartDeadline,
  rungMessageRef,
  settleDeadline,
} from "./lifecycle.js";

const HOUR = 3_600_000;
const KINDS = Object.keys(defaultLadders) as DeadlineKind[];

type Op =
  | { op: "sweep"; advanceHours: number }
  | { op: "extend"; days: number }
  | { op: "restart"; days: number }
  | { op: "pause" }
  | { op: "settle"; outcome: "met" | "waived" };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      op: fc.constant("sweep" as const),
      advanceHours: fc.integer({ min: 0, max: 24 * 40 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ op: fc.constant("extend" as const), days: fc.integer({ min: -5, max: 90 }) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ op: fc.constant("restart" as const), days: fc.integer({ min: 0, max: 60 }) }),
  },
  { weight: 1, arbitrary: fc.constant({ op: "pause" as const }) },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant("settle" as const),
      outcome: fc.constantFrom("met" as const, "waived" as const),
    }),
  },
);

const scenarioArb = fc.record({
  kind: fc.constantFrom(...KINDS),
  // Due dates in 2025–2026, whose official calendars are known.
  dueOffset: fc.integer({ min: 0, max: 600 }),
  // The deadline is created up to 200 days before its due date, or up to 10 days after it (a late season).
  createdBefore: fc.integer({ min: -10 * 24, max: 200 * 24 }),
  ops: fc.array(opArb, { minLength: 1, maxLength: 40 }),
});

interface Sent {
  ref: string;
  generation: number;
  firing: Firing;
  at: number;
}

/** Plays a scenario through the lifecycle, checking each step, and returns what happened. */
type Scenario = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

function play(s: Scenario) {
  const dueDate = addDays("2025-01-01", s.dueOffset);
  let t = shanghaiTime(dueDate, "09:00").getTime() - s.createdBefore * HOUR;
  let d: DeadlineRecord = createDeadline({
    subject: organizationSubject("X"),
    kind: s.kind,
    ref: "r",
    dueDate,
    taskId: "T1",
  });
  const sent: Sent[] = [];
  const staleSteps: { generation: number; step: string }[] = [];
  const expiries = new Map<number, number>();
  /** Generations that were live when their expiry passed under a sweep. */
  const reachedExpiryLive = new Set<number>();
  const sweep = () => {
    const before = d;
    const r = fireDeadlineAt(d, new Date(t));
    const gen = generationOf(before);
    if (!isLive(before)) {
      // Invariant: a settled (or paused) deadline is never due again.
      expect(r.send).toEqual([]);
      expect(r.expiry).toBeUndefined();
      expect(r.deadline.nextFireAt).toBeUndefined();
    }
    if (before.status === "missed") expect(r.expiry).toBeUndefined();
    const firings = ladderFirings(before.dueDate, defaultLadders[before.kind]);
    for (const f of r.send) {
      // Invariant: never sent once a later rung's instant has come.
      const overtaking = firings.find((g) => g.at.getTime() > f.at.getTime() && g.at.getTime() <= t);
      expect(overtaking).toBeUndefined();
      for (const audience of f.audience) {
        sent.push({ ref: rungMessageRef(before, f.step, audience), generation: gen, firing: f, at: t });
      }
    }
    staleSteps.push(...r.stale.map((f) => ({ generation: gen, step: f.step })));
    if (r.expiry) expiries.set(gen, (expiries.get(gen) ?? 0) + 1);
    if (isLive(before) && before.status !== "missed" && expiryInstant(before).getTime() <= t) {
      reachedExpiryLive.add(gen);
    }
    if (r.changed) {
      expect(r.deadline.version).toBe(before.version + 1);
      d = r.deadline;
    } else {
      expect(r.deadline).toBe(before);
    }
    // Invariant: a deadline past its expiry is missed at the first sweep after it, unless settled.
    if (expiryInstant(d).getTime() <= t) expect(["open", "extended"]).not.toContain(d.status);
    // A period that runs its course (公示) ends met, never missed.
    if (endStatusOf(d.kind) === "met") expect(d.status).not.toBe("missed");
    // A missed deadline is due again only for a rung of its ladder still ahead.
    if (d.status === "missed" && d.nextFireAt) {
      const at = Date.parse(d.nextFireAt);
      expect(ladderFirings(d.dueDate, defaultLadders[d.kind]).some((f) => f.at.getTime() === at)).toBe(true);
    }
  };
  for (const op of s.ops) {
    const now = new Date(t);
    switch (op.op) {
      case "sweep":
        t += op.advanceHours * HOUR;
        sweep();
        break;
      case "extend": {
        const r = extendDeadline(d, { date: addDays(d.dueDate, op.days), calendarPublished: true }, now);
        if ("deadline" in r) {
          expect(generationOf(r.deadline)).toBe(generationOf(d) + 1);
          expect(r.deadline.fired).toEqual([]);
          expect(Boolean(r.undoes)).toBe(d.status === "missed");
          d = r.deadline;
        } else {
          const expected = !isLive(d)
            ? "closed"
            : op.days <= 0
              ? "not_later"
              : addDays(d.dueDate, op.days) < shanghaiDate(now)
                ? "in_the_past"
                : "task_expired";
          expect(r.refused).toBe(expected);
          if (expected === "task_expired") expect(d.status).toBe("missed");
        }
        break;
      }
      case "restart": {
        const r = restartDeadline(d, { date: addDays(shanghaiDate(now), op.days), calendarPublished: true });
        if (r) d = r.deadline;
        break;
      }
      case "pause": {
        const r = pauseDeadline(d);
        if (r) d = r;
        break;
      }
      case "settle": {
        const r = settleDeadline(d, op.outcome, shanghaiDate(now));
        if (r) {
          expect(r.nextFireAt).toBeUndefined();
          d = r;
        }
        break;
      }
    }
  }
  // Far in the future every path has ended off the due index.
  t = Math.max(t, expiryInstant(d).getTime()) + 400 * 24 * HOUR;
  sweep();
  sweep();
  return { d, sent, staleSteps, expiries, reachedExpiryLive };
}

describe("the deadline lifecycle over random sequences of create, sweep, extend, restart, pause and settle", () => {
  it("holds its invariants", () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const { d, sent, staleSteps, expiries, reachedExpiryLive } = play(s);
        // No (generation, rung, audience) message is sent twice.
        const refs = sent.map((m) => m.ref);
        expect(new Set(refs).size).toBe(refs.length);
        // A rung is sent or skipped as stale, not both, within one generation.
        for (const st of staleSteps) {
          expect(sent.some((m) => m.generation === st.generation && m.firing.step === st.step)).toBe(false);
        }
        // An expiry action happens exactly once for a generation that reached its expiry while live.
        for (const [gen, n] of expiries) {
          expect(n).toBe(1);
          expect(reachedExpiryLive.has(gen)).toBe(true);
        }
        for (const gen of reachedExpiryLive) expect(expiries.get(gen)).toBe(1);
        // Every path ends off the due index.
        expect(d.nextFireAt).toBeUndefined();
        if (isLive(d)) expect(d.status).toBe("missed");
        // The last generation, if it ran to its end, sent or skipped each of its rungs.
        if (d.status === "missed") {
          const gen = generationOf(d);
          const handled = new Set([
            ...sent.filter((m) => m.generation === gen).map((m) => m.firing.step),
            ...staleSteps.filter((x) => x.generation === gen).map((x) => x.step),
          ]);
          for (const f of ladderFirings(d.dueDate, defaultLadders[d.kind]))
            expect(handled.has(f.step)).toBe(true);
        }
      }),
      { numRuns: 400 },
    );
  });

  it("sends every rung of a deadline swept hourly, once, and the expiry once", () => {
    const dueDate = "2025-06-03";
    let d = createDeadline({
      subject: organizationSubject("X"),
      kind: "annual_report",
      ref: "2024",
      dueDate,
    });
    const sent: string[] = [];
    let expiries = 0;
    for (
      let t = Date.parse("2025-04-01T00:00:00+08:00");
      t < Date.parse("2025-07-01T00:00:00+08:00");
      t += HOUR
    ) {
      const r = fireDeadlineAt(d, new Date(t));
      sent.push(...r.send.map((f) => f.step));
      if (r.expiry) expiries++;
      d = r.deadline;
    }
    expect(sent).toEqual(defaultLadders.annual_report.map((r) => r.step));
    expect(expiries).toBe(1);
    expect(d).toMatchObject({ status: "missed", missedAt: "2025-06-03T16:00:00.000Z" });
    expect(d.nextFireAt).toBeUndefined();
  });
});
