import { describe, expect, it } from "vitest";
import { shanghaiTime } from "../calendar/index.js";
import type { DeadlineKind } from "../cases/records.js";
import { type Audience, defaultLadders, type Firing, ladderFirings, type Rung } from "./ladder.js";

type Expected = [step: string, date: string, action: Rung["action"], audience: readonly Audience[]];

const at = (date: string, hhmm = "09:00") => shanghaiTime(date, hhmm);
const steps = (firings: readonly Firing[]) => firings.map((f) => f.step);
const ORG = ["organization"] as const;

const cases: Record<DeadlineKind, { due: string; expected: Expected[] }> = {
  credit_review: { due: "2027-03-01", expected: [] },
  annual_report: {
    due: "2025-06-03",
    expected: [
      ["before_30", "2025-05-04", "remind", ORG],
      ["before_7", "2025-05-27", "remind", ORG],
      ["before_1", "2025-06-02", "remind", ORG],
      ["due", "2025-06-03", "remind", ORG],
      ["after_1", "2025-06-04", "overdue", ORG],
      ["escalate", "2025-06-10", "escalate", ["supervisor"]],
    ],
  },
  supplement: {
    due: "2025-07-15",
    expected: [
      ["before_7", "2025-07-08", "remind", ORG],
      ["before_1", "2025-07-14", "remind", ORG],
      ["due", "2025-07-15", "remind", ORG],
    ],
  },
  rectification: {
    due: "2025-07-15",
    expected: [
      ["before_7", "2025-07-08", "remind", ORG],
      ["before_1", "2025-07-14", "remind", ORG],
      ["due", "2025-07-15", "remind", ORG],
      ["after_1", "2025-07-16", "overdue", ["organization", "queue"]],
    ],
  },
  decision_limit: {
    due: "2025-11-14",
    expected: [
      ["before_5", "2025-11-07", "remind", ["case_officer"]],
      ["before_1", "2025-11-13", "remind", ["case_officer"]],
      ["escalate", "2025-11-17", "escalate", ["supervisor"]],
    ],
  },
  public_notice: { due: "2025-08-20", expected: [["due", "2025-08-20", "remind", ["queue"]]] },
  grade_expiry: {
    due: "2026-01-15",
    expected: [
      ["before_180", "2025-07-19", "remind", ORG],
      ["before_30", "2025-12-16", "remind", ORG],
    ],
  },
  term_end: {
    due: "2026-03-31",
    expected: [
      ["before_90", "2025-12-31", "remind", ORG],
      ["before_30", "2026-03-01", "remind", ORG],
      ["after_1", "2026-04-01", "overdue", ["organization", "queue"]],
    ],
  },
  event_response: {
    due: "2025-09-12",
    expected: [
      ["before_3", "2025-09-09", "remind", ["queue"]],
      ["before_1", "2025-09-11", "remind", ["queue"]],
    ],
  },
  event_summary: {
    due: "2025-09-12",
    expected: [
      ["before_3", "2025-09-09", "remind", ORG],
      ["after_1", "2025-09-13", "overdue", ORG],
    ],
  },
};

describe("ladderFirings with the default ladders", () => {
  it.each(Object.entries(cases))("%s fires on the dates of DOMAIN.md §10", (kind, { due, expected }) => {
    const firings = ladderFirings(due, defaultLadders[kind as DeadlineKind]);
    expect(firings.map((f) => [f.step, f.at, f.action, f.audience])).toEqual(
      expected.map(([step, date, action, audience]) => [step, at(date), action, audience]),
    );
    expect(firings.every((f) => f.calendarPublished)).toBe(true);
  });

  it("covers every deadline kind with unique steps", () => {
    expect(Object.keys(defaultLadders).sort()).toEqual(Object.keys(cases).sort());
    for (const ladder of Object.values(defaultLadders)) {
      expect(new Set(ladder.map((r) => r.step)).size).toBe(ladder.length);
    }
  });

  it("sends at the given Shanghai time of day", () => {
    const [first] = ladderFirings("2025-07-15", defaultLadders.supplement, "10:30");
    expect(first?.at.toISOString()).toBe("2025-07-08T02:30:00.000Z");
  });

  it("sorts by time whatever the order of the ladder", () => {
    const shuffled = [...defaultLadders.annual_report].reverse();
    expect(steps(ladderFirings("2025-06-03", shuffled))).toEqual(
      cases.annual_report.expected.map(([s]) => s),
    );
  });

  it("refuses a ladder that repeats a step, and a malformed due date", () => {
    const r: Rung = { step: "due", offset: 0, unit: "calendar", action: "remind", audience: ["queue"] };
    expect(() => ladderFirings("2025-06-03", [r, { ...r, offset: 1 }])).toThrow(RangeError);
    expect(() => ladderFirings("2025-02-29", [r])).toThrow(RangeError);
  });
});

describe("working-day rungs across National Day 2025 (1–8 October, 调休 28 September and 11 October)", () => {
  const dates = (due: string) =>
    ladderFirings(due, defaultLadders.decision_limit).map((f) => [f.step, f.at, f.calendarPublished]);

  it("counts back over the holiday and onto a 调休 Saturday", () => {
    expect(dates("2025-10-13")).toEqual([
      ["before_5", at("2025-09-29"), true],
      ["before_1", at("2025-10-11"), true],
      ["escalate", at("2025-10-14"), true],
    ]);
  });

  it("counts forward over the holiday and back over a 调休 Sunday", () => {
    expect(dates("2025-09-30")).toEqual([
      ["before_5", at("2025-09-24"), true],
      ["before_1", at("2025-09-29"), true],
      ["escalate", at("2025-10-09"), true],
    ]);
  });

  it("says when a year had no published calendar", () => {
    const firings = ladderFirings("2028-03-10", defaultLadders.decision_limit);
    expect(firings.map((f) => [f.step, f.at, f.calendarPublished])).toEqual([
      ["before_5", at("2028-03-03"), false],
      ["before_1", at("2028-03-09"), false],
      ["escalate", at("2028-03-13"), false],
    ]);
  });
});
