import { describe, expect, it } from "vitest";
import { decisionClock, decisionDueDate } from "./decision-clock.js";

describe("decision limit", () => {
  it("counts working days from acceptance, skipping the 2025 National Day holiday", () => {
    // 20 working days from Friday 26 Sept 2025: 28 Sept and 11 Oct are adjusted working days, 1–8 Oct are off.
    expect(decisionDueDate("2025-09-26", 20)).toEqual({ date: "2025-10-30", calendarPublished: true });
  });

  it("falls back to weekends only, and says so, for a year whose calendar is not published", () => {
    expect(decisionDueDate("2030-03-01", 5)).toEqual({ date: "2030-03-08", calendarPublished: false });
  });

  it("shows normal, warning from 3 working days down to 0, and overdue below 0", () => {
    expect(decisionClock("2025-03-14", "2025-03-07", 3)).toEqual({ state: "normal", workingDaysLeft: 5 });
    expect(decisionClock("2025-03-14", "2025-03-11", 3)).toEqual({ state: "warning", workingDaysLeft: 3 });
    expect(decisionClock("2025-03-14", "2025-03-14", 3)).toEqual({ state: "warning", workingDaysLeft: 0 });
    expect(decisionClock("2025-03-14", "2025-03-17", 3)).toEqual({ state: "overdue", workingDaysLeft: -1 });
  });
});
