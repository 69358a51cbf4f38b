import * as echarts from "echarts";

const FONT = '"Noto Sans CJK SC","Noto Sans SC","Microsoft YaHei",sans-serif';
const COLORS = ["#0b57d0", "#b3261e", "#1a7f37", "#9a6700", "#8250df", "#57606a"];

/** Charts drawn lately, by their option: a dashboard whose counters have not moved draws nothing again. */
const drawn = new Map<string, string>();
const DRAWN_KEPT = 256;
let renders = 0;

/** How many charts this process has drawn with ECharts (a chart served from `drawn` is not counted). */
export const chartRenders = (): number => renders;

/** Forgets the charts drawn so far, so the next one of each is drawn by ECharts again. */
export function forgetCharts(): void {
  drawn.clear();
}

/** A chart as SVG text, rendered on the server by ECharts' SSR renderer: the page needs no script. */
function svg(option: echarts.EChartsCoreOption, width = 420, height = 260): string {
  const key = JSON.stringify([option, width, height]);
  const kept = drawn.get(key);
  if (kept !== undefined) {
    drawn.delete(key);
    drawn.set(key, kept);
    return kept;
  }
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width, height });
  chart.setOption({ animation: false, color: COLORS, textStyle: { fontFamily: FONT }, ...option });
  const out = chart.renderToSVGString();
  chart.dispose();
  renders++;
  drawn.set(key, out);
  if (drawn.size > DRAWN_KEPT) drawn.delete(drawn.keys().next().value as string);
  return out;
}

export function barChart(labels: string[], values: number[]): string {
  return svg({
    grid: { left: 48, right: 16, top: 16, bottom: 48 },
    xAxis: { type: "category", data: labels, axisLabel: { interval: 0, fontSize: 12 } },
    yAxis: { type: "value", minInterval: 1 },
    series: [{ type: "bar", data: values, label: { show: true, position: "top" } }],
  });
}

export function pieChart(parts: { name: string; value: number }[]): string {
  return svg({
    legend: { bottom: 0, textStyle: { fontSize: 12 } },
    series: [
      {
        type: "pie",
        radius: ["35%", "65%"],
        center: ["50%", "45%"],
        data: parts,
        label: { formatter: "{b}\n{c}", fontSize: 12 },
      },
    ],
  });
}

export function gauge(share: number, name: string): string {
  return svg({
    series: [
      {
        type: "gauge",
        min: 0,
        max: 100,
        progress: { show: true },
        detail: { formatter: "{value}%", fontSize: 22 },
        data: [{ value: Math.round(share * 1000) / 10, name }],
      },
    ],
  });
}
