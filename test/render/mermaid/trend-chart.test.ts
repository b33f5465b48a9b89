import { describe, expect, it } from "vitest";
import { NO_TREND_DATA, renderTrendChart } from "../../../src/render/mermaid/trend-chart.js";

describe("renderTrendChart", () => {
  it("draws one line per series over the x-axis labels", () => {
    const chart = renderTrendChart(
      [
        { label: "2026-01", values: { todos: 12, clones: 3 } },
        { label: "2026-02", values: { todos: 9.123456, clones: 4 } },
        { label: "2026-03", values: { todos: 7 } },
      ],
      "Debt trend",
      { yAxisLabel: "Findings" },
    );
    expect(chart).toBe(
      [
        "```mermaid",
        "xychart-beta",
        '  title "Debt trend"',
        '  x-axis ["2026-01", "2026-02", "2026-03"]',
        '  y-axis "Findings"',
        '  line "todos" [12, 9.1235, 7]',
        '  line "clones" [3, 4, 0]',
        "```",
      ].join("\n"),
    );
  });

  it("keeps hostile labels inside their strings and numbers in the grammar", () => {
    const chart = renderTrendChart(
      [{ label: 'a"] \n```\n%%{init: {"theme":"dark"}}%%', values: { "`x`": Number.NaN, y: 1e-9, z: -1e22 } }],
      "",
    );
    expect(chart).toBe(
      [
        "```mermaid",
        "xychart-beta",
        '  title " "',
        "  x-axis [\"a']  ''' %{init: {'theme':'dark'}}%\"]",
        "  line \"'x'\" [0]",
        '  line "y" [0]',
        '  line "z" [-10000000000000000000000]',
        "```",
      ].join("\n"),
    );
  });

  it("says so when there is nothing to draw", () => {
    expect(renderTrendChart([], "Debt")).toBe(NO_TREND_DATA);
    expect(renderTrendChart([{ label: "x", values: {} }], "Debt")).toBe(NO_TREND_DATA);
  });
});
