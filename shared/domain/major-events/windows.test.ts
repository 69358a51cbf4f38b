import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { nationalDefaults } from "../../settings/index.js";
import { addDays, compareDates, type IsoDate, isWorkingDay, workingDaysBetween } from "../calendar/index.js";
import {
  assessMajorEventReport,
  type MajorEventRule,
  type MajorEventType,
  reportDeadline,
  reportTiming,
  responseDueDate,
  summaryDueDate,
} from "./windows.js";

const settings = nationalDefaults.majorEvents;
const assess = (type: MajorEventType, eventDate: IsoDate, reportedOn: IsoDate) =>
  assessMajorEventReport(type, settings, eventDate, reportedOn);
const working = (date: IsoDate) => isWorkingDay(date).working;

// National Day 2025: 1–8 October off, 调休 on Sunday 28 September and Saturday 11 October.
describe("events reported 15 days before, reviewed (DOMAIN section 7)", () => {
  const before: MajorEventType[] = [
    "congress_election",
    "large_event",
    "commendation",
    "foreign_cooperation",
    "branch_setup",
    "investment",
  ];

  it.each(before)("%s: due 15 days before, the event day not counted", (type) => {
    const a = assess(type, "2025-06-20", "2025-06-05");
    expect(a).toMatchObject({ timing: "on_time", reportBy: "2025-06-05" });
    expect(assess(type, "2025-06-20", "2025-06-06").timing).toBe("late");
    expect(a.rule.handling).toBe("review");
  });

  it.each(before)("%s: a last day in the National Day holiday moves on to 9 October", (type) => {
    expect(assess(type, "2025-10-16", "2025-10-09")).toMatchObject({
      timing: "on_time",
      reportBy: "2025-10-09",
    });
    expect(assess(type, "2025-10-16", "2025-10-10").timing).toBe("late");
  });

  it.each(before)("%s: a last day on a 调休 Saturday stays there", (type) => {
    expect(assess(type, "2025-10-26", "2025-10-11")).toMatchObject({
      timing: "on_time",
      reportBy: "2025-10-11",
    });
    expect(assess(type, "2025-10-26", "2025-10-12").timing).toBe("late");
  });

  it.each(before)(
    "%s: the bureau answers the working day before; the summary follows 15 days after",
    (type) => {
      const a = assess(type, "2025-10-09", "2025-09-20");
      expect(a.response?.date).toBe("2025-09-30");
      // 24 October plus nothing to move: a Friday.
      expect(a.summary?.date).toBe("2025-10-24");
    },
  );

  it("a summary whose 15th day falls in the Dragon Boat holiday (31 May – 2 June 2025) is due 3 June", () => {
    expect(assess("large_event", "2025-05-16", "2025-04-30").summary?.date).toBe("2025-06-03");
  });

  it("a report after the event is late, answered at once and summarized 15 days after the report", () => {
    const a = assess("large_event", "2025-06-10", "2025-06-13");
    expect(a.timing).toBe("late");
    expect(a.response?.date).toBe("2025-06-13");
    expect(a.summary?.date).toBe("2025-06-30");
  });
});

describe("events reported within 10 working days after", () => {
  const after: [MajorEventType, MajorEventRule["handling"]][] = [
    ["legal_rep_change", "file_only"],
    ["charter_amendment", "review"],
    ["litigation", "file_only"],
    ["external_penalty", "file_only"],
  ];

  it.each(after)("%s: counts working days across National Day and its 调休 days", (type, handling) => {
    // 28 Sep (Sun, 调休) 1, 29–30 Sep 2–3, 9–11 Oct 4–6 (11th a 调休 Saturday), 13–16 Oct 7–10.
    const a = assess(type, "2025-09-26", "2025-10-16");
    expect(a).toMatchObject({ timing: "on_time", reportBy: "2025-10-16" });
    expect(a.rule.handling).toBe(handling);
    expect(assess(type, "2025-09-26", "2025-10-17").timing).toBe("late");
    expect(a.summary).toBeUndefined();
  });

  it("a reviewed after-event is answered within 10 working days of the report; a filed one is not answered", () => {
    // 9–11, 13–17, 20–21 October.
    expect(assess("charter_amendment", "2025-09-26", "2025-09-30").response?.date).toBe("2025-10-21");
    expect(assess("litigation", "2025-09-26", "2025-09-30").response).toBeUndefined();
  });

  it("a change of legal representative may lead into change registration", () => {
    expect(settings.catalogue.legal_rep_change.leadsToChange).toBe(true);
    expect(settings.catalogue.litigation.leadsToChange).toBe(false);
  });
});

describe("emergencies (突发事件): within 24 hours, followed up", () => {
  it("runs in hours, which no holiday moves", () => {
    const a = assess("emergency", "2025-10-01", "2025-10-02");
    expect(a).toMatchObject({ timing: "on_time", reportBy: "2025-10-02" });
    expect(a.rule.handling).toBe("follow_up");
    expect(assess("emergency", "2025-10-01", "2025-10-03").timing).toBe("late");
    // The follow-up is due the first working day after the report.
    expect(a.response?.date).toBe("2025-10-09");
  });
});

describe("jurisdiction settings reshape the windows", () => {
  it("a bureau asking 5 working days ahead counts back over National Day", () => {
    const rule: MajorEventRule = { ...settings.catalogue.large_event, period: 5, unit: "working_days" };
    // Working days before 13 Oct: 11 (Sat, 调休), 10, 9, 30 Sep, 29 Sep.
    expect(reportDeadline(rule, "2025-10-13").date).toBe("2025-09-29");
    expect(reportTiming(rule, "2025-10-13", "2025-09-30")).toBe("late");
  });

  it("rejects a malformed date", () => {
    expect(() => assess("large_event", "2025-02-30", "2025-01-01")).toThrow(RangeError);
    expect(() => assess("large_event", "2025-02-28", "2025-13-01")).toThrow(RangeError);
  });
});

// Dates within 40 days of the holidays of 2024–2026, where periods cross 放假 and 调休 days.
const HOLIDAY_STARTS = ["2024-02-10", "2024-10-01", "2025-01-28", "2025-05-31", "2025-10-01", "2026-02-15"];
const dateNearHoliday = fc
  .tuple(fc.constantFrom(...HOLIDAY_STARTS), fc.integer({ min: -40, max: 40 }))
  .map(([start, offset]) => addDays(start, offset));
const ruleArb: fc.Arbitrary<MajorEventRule> = fc.record({
  when: fc.constantFrom("before" as const, "after" as const),
  unit: fc.constantFrom("calendar_days" as const, "working_days" as const),
  period: fc.integer({ min: 1, max: 30 }),
  handling: fc.constantFrom("review" as const, "follow_up" as const, "file_only" as const),
  leadsToChange: fc.boolean(),
});
const daysIn = (from: IsoDate, toExclusive: IsoDate): IsoDate[] => {
  const out: IsoDate[] = [];
  for (let d = from; compareDates(d, toExclusive) < 0; d = addDays(d, 1)) out.push(d);
  return out;
};

describe("window properties across holidays and adjusted working days", () => {
  it("an after-period in calendar days ends on the N-th day or the first working day past a holiday", () => {
    fc.assert(
      fc.property(dateNearHoliday, fc.integer({ min: 1, max: 30 }), (event, n) => {
        const rule: MajorEventRule = { ...settings.catalogue.litigation, unit: "calendar_days", period: n };
        const end = reportDeadline(rule, event).date;
        const nth = addDays(event, n);
        expect(compareDates(end, nth)).toBeGreaterThanOrEqual(0);
        expect(working(end)).toBe(true);
        for (const day of daysIn(nth, end)) expect(working(day)).toBe(false);
      }),
    );
  });

  it("an after-period in working days holds exactly N working days after the event", () => {
    fc.assert(
      fc.property(dateNearHoliday, fc.integer({ min: 1, max: 30 }), (event, n) => {
        const rule: MajorEventRule = { ...settings.catalogue.litigation, unit: "working_days", period: n };
        const end = reportDeadline(rule, event).date;
        expect(working(end)).toBe(true);
        expect(workingDaysBetween(event, end)).toBe(n);
      }),
    );
  });

  it("a before-period stays before the event and leaves at most holidays between its N-th day and its end", () => {
    fc.assert(
      fc.property(dateNearHoliday, fc.integer({ min: 1, max: 30 }), (event, n) => {
        const rule: MajorEventRule = { ...settings.catalogue.large_event, unit: "calendar_days", period: n };
        const end = reportDeadline(rule, event).date;
        const nth = addDays(event, -n);
        expect(compareDates(end, event)).toBeLessThan(0);
        expect(compareDates(end, nth)).toBeGreaterThanOrEqual(0);
        expect(working(end) || end === addDays(event, -1)).toBe(true);
        for (const day of daysIn(nth, end)) expect(working(day)).toBe(false);
      }),
    );
  });

  it("a before-period in working days leaves exactly N working days from its end to the event", () => {
    fc.assert(
      fc.property(dateNearHoliday, fc.integer({ min: 1, max: 30 }), (event, n) => {
        const rule: MajorEventRule = { ...settings.catalogue.large_event, unit: "working_days", period: n };
        const end = reportDeadline(rule, event).date;
        expect(working(end)).toBe(true);
        expect(workingDaysBetween(addDays(end, -1), addDays(event, -1))).toBe(n);
      }),
    );
  });

  it("a report is on time up to and including the last day, late from the day after", () => {
    fc.assert(
      fc.property(ruleArb, dateNearHoliday, fc.integer({ min: -60, max: 60 }), (rule, event, offset) => {
        const reportedOn = addDays(event, offset);
        const end = reportDeadline(rule, event).date;
        expect(reportTiming(rule, event, reportedOn)).toBe(
          compareDates(reportedOn, end) <= 0 ? "on_time" : "late",
        );
        expect(reportTiming(rule, event, end)).toBe("on_time");
        expect(reportTiming(rule, event, addDays(end, 1))).toBe("late");
      }),
    );
  });

  it("the bureau's answer is never due before the report, and before the event when the report leaves room", () => {
    fc.assert(
      fc.property(ruleArb, dateNearHoliday, fc.integer({ min: -60, max: 60 }), (rule, event, offset) => {
        const reportedOn = addDays(event, offset);
        const due = responseDueDate(rule, settings, event, reportedOn);
        if (rule.handling === "file_only") {
          expect(due).toBeUndefined();
          return;
        }
        if (due === undefined) throw new Error("a reviewed or followed-up event has an answer date");
        expect(compareDates(due.date, reportedOn)).toBeGreaterThanOrEqual(0);
        expect(working(due.date)).toBe(true);
        const timely = rule.when === "before" && reportTiming(rule, event, reportedOn) === "on_time";
        if (timely && rule.unit === "working_days") expect(compareDates(due.date, event)).toBeLessThan(0);
      }),
    );
  });

  it("a summary is due only for events reported in advance, 15 days on, on a working day", () => {
    fc.assert(
      fc.property(ruleArb, dateNearHoliday, fc.integer({ min: -60, max: 60 }), (rule, event, offset) => {
        const reportedOn = addDays(event, offset);
        const due = summaryDueDate(rule, settings, event, reportedOn);
        if (rule.when === "after") {
          expect(due).toBeUndefined();
          return;
        }
        if (due === undefined) throw new Error("an event reported in advance has a summary date");
        const from = compareDates(event, reportedOn) >= 0 ? event : reportedOn;
        const nth = addDays(from, settings.summaryDays);
        expect(compareDates(due.date, nth)).toBeGreaterThanOrEqual(0);
        expect(working(due.date)).toBe(true);
        for (const day of daysIn(nth, due.date)) expect(working(day)).toBe(false);
      }),
    );
  });
});
