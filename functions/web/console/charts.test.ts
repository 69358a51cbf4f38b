import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { barChart, chartRenders, forgetCharts, gauge, pieChart } from "./charts.js";

/** Each ECharts instance numbers its CSS classes from counters of its own; the drawing is otherwise the same. */
const drawing = (svg: string) => svg.replace(/zr\d+-cls-\d+/g, "zr-cls");

describe("the dashboard's charts", () => {
  it("draw a chart once for the same figures and again when a figure moves", () => {
    const before = chartRenders();
    const first = barChart(["社会团体", "基金会"], [12, 3]);
    expect(chartRenders()).toBe(before + 1);
    expect(barChart(["社会团体", "基金会"], [12, 3])).toBe(first);
    expect(chartRenders()).toBe(before + 1);
    const moved = barChart(["社会团体", "基金会"], [12, 4]);
    expect(chartRenders()).toBe(before + 2);
    expect(moved).not.toBe(first);
    expect(moved).toContain("<svg");
  });

  it("a kept chart is the chart ECharts draws afresh for those figures", () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 900_000 }), { minLength: 1, maxLength: 6 }), (values) => {
        const parts = values.map((value, i) => ({ name: `类别${i}`, value }));
        const share =
          (values[0] ?? 0) /
          Math.max(
            1,
            values.reduce((a, b) => a + b, 0),
          );
        const kept = [pieChart(parts), gauge(share, "3A以上")];
        expect([pieChart(parts.map((p) => ({ ...p }))), gauge(share, "3A以上")]).toEqual(kept);
        const renders = chartRenders();
        forgetCharts();
        expect([pieChart(parts), gauge(share, "3A以上")].map(drawing)).toEqual(kept.map(drawing));
        expect(chartRenders()).toBe(renders + 2);
      }),
      { numRuns: 25 },
    );
  });
});
