/**
 * Making user text safe inside Mermaid source. Mermaid reads `%%` as a comment or an
 * `%%{init: …}%%` directive almost anywhere in the source, so runs of `%` shrink to one; line
 * breaks would end a statement, so they become spaces.
 */
export function mermaidText(text: string): string {
  return text
    .replace(/\r\n|[\r\n\u2028\u2029]/g, " ")
    .replace(/%+/g, "%")
    // Other control characters have no business in a label and some renderers choke on them.
    .replace(/\p{Cc}/gu, " ");
}

/** A ```mermaid block. Our statements start every line, so user text never begins one and cannot close the fence. */
export function mermaidBlock(lines: readonly string[]): string {
  return ["```mermaid", ...lines, "```"].join("\n");
}
