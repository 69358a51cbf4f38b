import { describe, expect, it } from "vitest";
import { noticeOpenForObjections, publicNoticeEnds } from "./index.js";

describe("the public notice (公示)", () => {
  it("does not count the day it is published", () => {
    // Monday 2 June 2025 published: Tue 3 … Wed 11 June is the seventh working day.
    expect(publicNoticeEnds("2025-06-02", 7)).toEqual({ date: "2025-06-11", calendarPublished: true });
  });

  it("skips the National Day holiday and counts its adjusted working days (调休)", () => {
    // Fri 26 Sep 2025: Sun 28 Sep (调休) 1, 29 Sep 2, 30 Sep 3, 1–8 Oct off, 9 Oct 4, 10 Oct 5, Sat 11 Oct (调休) 6, Mon 13 Oct 7.
    expect(publicNoticeEnds("2025-09-26", 7)).toEqual({ date: "2025-10-13", calendarPublished: true });
  });

  it("says when a year has no official calendar yet", () => {
    expect(publicNoticeEnds("2031-06-02", 7).calendarPublished).toBe(false);
  });

  it("takes objections through its last day only", () => {
    expect(noticeOpenForObjections("2025-10-13", "2025-10-13")).toBe(true);
    expect(noticeOpenForObjections("2025-10-13", "2025-10-14")).toBe(false);
  });
});
