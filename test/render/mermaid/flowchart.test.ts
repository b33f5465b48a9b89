import { describe, expect, it } from "vitest";
import { renderFlowchart } from "../../../src/render/mermaid/flowchart.js";

describe("renderFlowchart", () => {
  it("draws nodes with generated ids and edges between them", () => {
    expect(
      renderFlowchart(
        [
          { id: "scan", label: "Scan repo" },
          { id: "end", label: "Plan" },
        ],
        [
          { from: "scan", to: "end" },
          { from: "end", to: "report" },
          { from: "scan", to: "end" },
        ],
      ),
    ).toBe(
      ["```mermaid", "flowchart TD", '  n0["Scan repo"]', '  n1["Plan"]', '  n2["report"]', "  n0 --> n1", "  n1 --> n2", "```"].join("\n"),
    );
  });

  it("escapes labels so user text cannot close the string or add nodes", () => {
    expect(renderFlowchart([{ id: 'a"]-->b', label: 'x"] --> evil["<img src=x>`#&\n%%{init}%%' }], [], { direction: "LR" })).toBe(
      ["```mermaid", "flowchart LR", '  n0["x#34;] --#62; evil[#34;#60;img src=x#62;#96;#35;#38; %{init}%"]', "```"].join("\n"),
    );
  });

  it("draws an empty graph when there is nothing to show", () => {
    expect(renderFlowchart([], [])).toBe(["```mermaid", "flowchart TD", "```"].join("\n"));
  });
});
