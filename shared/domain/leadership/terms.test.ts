import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, compareDates, daysBetween } from "../calendar/index.js";
import { ageOn, type Leader, leaderProblems, maskedLeader, newTerm, termEnd, termStanding } from "./terms.js";

describe("terms (届期)", () => {
  it("a five-year term from 1 June 2021 ends on 31 May 2026", () => {
    expect(termEnd("2021-06-01", 5)).toBe("2026-05-31");
    expect(newTerm("2026-05-20", 5)).toEqual({ start: "2026-05-20", end: "2031-05-19" });
  });

  it("a term begun on 29 February ends on the day before its anniversary in a common year", () => {
    expect(termEnd("2024-02-29", 5)).toBe("2029-02-27");
    expect(termEnd("2024-02-29", 4)).toBe("2028-02-28");
  });

  it("is overdue (超期未换届) from the day after its last day", () => {
    const term = { start: "2021-06-01", end: "2026-05-31" };
    expect(termStanding(term, "2026-05-31")).toBe("current");
    expect(termStanding(term, "2026-06-01")).toBe("overdue");
  });

  it("refuses a malformed start or length", () => {
    expect(() => termEnd("2021-02-30", 5)).toThrow(RangeError);
    expect(() => termEnd("2021-02-01", 0)).toThrow(RangeError);
  });

  it("a term is about `years` long and overdue exactly after its end", () => {
    const start = fc.integer({ min: 0, max: 20_000 }).map((n) => addDays("2000-01-01", n));
    fc.assert(
      fc.property(
        start,
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: -400, max: 400 }),
        (s, years, d) => {
          const term = newTerm(s, years);
          const length = daysBetween(term.start, term.end) + 1;
          expect(length).toBeGreaterThanOrEqual(365 * years - 1);
          expect(length).toBeLessThanOrEqual(366 * years);
          const today = addDays(term.end, d);
          expect(termStanding(term, today)).toBe(compareDates(today, term.end) > 0 ? "overdue" : "current");
        },
      ),
    );
  });
});

describe("leaders", () => {
  const leader: Leader = {
    name: "王芳",
    post: "会长",
    birthDate: "1956-03-10",
    idNumber: "11010519491231002X",
    official: "retired",
    approvalRef: "沪民社〔2021〕12号",
  };

  it("counts age in whole years on a date", () => {
    expect(ageOn("1956-03-10", "2026-03-09")).toBe(69);
    expect(ageOn("1956-03-10", "2026-03-10")).toBe(70);
  });

  it("flags an official without approval and a leader above the age limit", () => {
    expect(leaderProblems([leader], "2026-03-10", 70)).toEqual([]);
    const problems = leaderProblems([{ ...leader, approvalRef: " " }], "2026-03-11", 69);
    expect(problems.map((p) => [p.field, p.code])).toEqual([
      ["leaders.0.approvalRef", "official_without_approval"],
      ["leaders.0.birthDate", "over_age_limit"],
    ]);
    expect(
      leaderProblems([{ ...leader, official: "none", approvalRef: undefined }], "2026-01-01", 70),
    ).toEqual([]);
  });

  it("masks the ID number", () => {
    expect(maskedLeader(leader).idNumber).toBe("110105********002X");
  });
});
