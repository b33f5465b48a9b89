import { mermaidBlock, mermaidText } from "./mermaid-text.js";

export interface FlowNode {
  id: string;
  label: string;
}

export interface FlowEdge {
  from: string;
  to: string;
}

export interface FlowchartOptions {
  /** TD (top down, the default) or LR (left to right). */
  direction?: "TD" | "LR";
}

/**
 * A Mermaid flowchart for a DAG (agent plans, migration steps). Node ids in the source are
 * generated (`n0`, `n1`, … in order of appearance), never taken from the caller: user ids could be
 * Mermaid keywords (`end`), start edge syntax (`o`, `x`) or collide once cleaned. Labels are quoted
 * and their special characters written as Mermaid entity codes (`#34;`), so no label can close its
 * string or add a node. A node that appears only in an edge is drawn with its id as label; repeated
 * nodes and edges are drawn once.
 */
export function renderFlowchart(nodes: readonly FlowNode[], edges: readonly FlowEdge[], options: FlowchartOptions = {}): string {
  const ids = new Map<string, string>();
  const lines = [`flowchart ${options.direction ?? "TD"}`];
  const declare = (id: string, label: string): string => {
    const existing = ids.get(id);
    if (existing !== undefined) return existing;
    const generated = `n${ids.size}`;
    ids.set(id, generated);
    lines.push(`  ${generated}["${label}"]`);
    return generated;
  };
  for (const node of nodes) declare(node.id, labelText(node.label));
  const seen = new Set<string>();
  const links: string[] = [];
  for (const edge of edges) {
    const link = `  ${declare(edge.from, labelText(edge.from))} --> ${declare(edge.to, labelText(edge.to))}`;
    if (seen.has(link)) continue;
    seen.add(link);
    links.push(link);
  }
  return mermaidBlock([...lines, ...links]);
}

/**
 * `#` because it starts an entity code; `"` closes the string; `<`, `>` and `&` are HTML in labels;
 * a backtick right after the quote turns on markdown labels. One pass, so our codes stay as written.
 */
function labelText(text: string): string {
  return mermaidText(text).replace(/[#"<>&`]/g, (char) => `#${char.charCodeAt(0)};`);
}
