import { describe, expect, it } from "vitest";
import { shanghaiTime } from "../calendar/index.js";
import { smsSendableAt } from "./quiet-hours.js";

const night = { start: "21:00", end: "08:00" };
const lunch = { start: "12:00", end: "14:00" };

describe("smsSendableAt, quiet hours spanning midnight (21:00–08:00 Shanghai)", () => {
  it.each([
    ["20:59", "2025-06-03", "20:59"],
    ["21:00", "2025-06-04", "08:00"],
    ["23:30", "2025-06-04", "08:00"],
    ["03:00", "2025-06-03", "08:00"],
    ["07:59", "2025-06-03", "08:00"],
    ["08:00", "2025-06-03", "08:00"],
  ])("at %s on 3 June it may send on %s at %s", (time, date, sendAt) => {
    expect(smsSendableAt(shanghaiTime("2025-06-03", time), night)).toEqual(shanghaiTime(date, sendAt));
  });

  it("returns the instant itself, seconds and all, when it may send", () => {
    const instant = new Date(shanghaiTime("2025-06-03", "20:59").getTime() + 59_999);
    expect(smsSendableAt(instant, night)).toBe(instant);
  });

  it("carries into the next year", () => {
    expect(smsSendableAt(shanghaiTime("2025-12-31", "22:00"), night)).toEqual(
      shanghaiTime("2026-01-01", "08:00"),
    );
  });
});

describe("smsSendableAt, quiet hours within one day", () => {
  it.each([
    ["11:59", "11:59"],
    ["12:00", "14:00"],
    ["13:59", "14:00"],
    ["14:00", "14:00"],
    ["23:00", "23:00"],
  ])("at %s it may send at %s", (time, sendAt) => {
    expect(smsSendableAt(shanghaiTime("2025-06-03", time), lunch)).toEqual(
      shanghaiTime("2025-06-03", sendAt),
    );
  });
});

describe("smsSendableAt, edge cases", () => {
  it("treats an empty window as no quiet hours", () => {
    const instant = shanghaiTime("2025-06-03", "22:00");
    expect(smsSendableAt(instant, { start: "22:00", end: "22:00" })).toBe(instant);
  });

  it("refuses a malformed time or instant", () => {
    expect(() => smsSendableAt(new Date(), { start: "9pm", end: "08:00" })).toThrow(RangeError);
    expect(() => smsSendableAt(new Date(Number.NaN), night)).toThrow(RangeError);
  });
});
