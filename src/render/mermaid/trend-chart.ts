import { mermaidBlock, mermaidText } from "./mermaid-text.js";

export interface TrendPoint {
  /** The x-axis category, e.g. a date or a release. */
  label: string;
  /** One value per series name; a series missing from a point is drawn as 0. */
  values: Record<string, number>;
}

export interface TrendChartOptions {
  yAxisLabel?: string;
}

/** What renderTrendChart returns when there is nothing to draw; an empty xychart fails to render. */
export const NO_TREND_DATA = "_No trend data yet._";

/**
 * A line chart, one line per series, as a Mermaid `xychart-beta` block. GitHub renders Mermaid
 * blocks in comments and check output; we write `xychart-beta` rather than `xychart` because every
 * Mermaid since 10.5 (when XY charts arrived) accepts it, while plain `xychart` needs a newer one.
 * xychart draws no legend, so each line carries its series name and a caption lists the series in
 * drawing order. Series are ordered by first appearance.
 */
export function renderTrendChart(points: readonly TrendPoint[], title: string, options: TrendChartOptions = {}): string {
  const series = seriesNames(points);
  if (points.length === 0 || series.length === 0) return NO_TREND_DATA;
  const lines = ["xychart-beta", `  title ${quoted(title)}`, `  x-axis [${points.map((point) => quoted(point.label)).join(", ")}]`];
  if (options.yAxisLabel !== undefined) lines.push(`  y-axis ${quoted(options.yAxisLabel)}`);
  for (const name of series) {
    const values = points.map((point) => formatNumber(point.values[name] ?? 0));
    lines.push(`  line ${quoted(name)} [${values.join(", ")}]`);
  }
  return mermaidBlock(lines);
}

function seriesNames(points: readonly TrendPoint[]): string[] {
  const names = new Set<string>();
  for (const point of points) for (const name of Object.keys(point.values)) names.add(name);
  return [...names];
}

/**
 * xychart strings have no escape for `"`, and a string starting with a backtick switches to
 * markdown mode, so both become an apostrophe. An empty string is not a token in its grammar.
 */
function quoted(text: string): string {
  const clean = mermaidText(text).replace(/["`]/g, "'");
  return `"${clean === "" ? " " : clean}"`;
}

/** The grammar takes plain decimals only: no exponent, NaN or Infinity. */
function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return "0";
  const rounded = Number(value.toFixed(4));
  if (Math.abs(rounded) >= 1e21) return BigInt(Math.round(rounded)).toString();
  return Object.is(rounded, -0) ? "0" : String(rounded);
}
