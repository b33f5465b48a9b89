/** Whitespace-separated words of one command line, read left to right, with access to the raw rest. */
export class Words {
  #position: number;

  constructor(
    private readonly text: string,
    start: number,
  ) {
    this.#position = start;
  }

  peek(): string | undefined {
    return this.#match()?.[0];
  }

  next(): string | undefined {
    const match = this.#match();
    if (!match) return undefined;
    this.#position = match.index + match[0].length;
    return match[0];
  }

  /** The remaining words, without consuming them. */
  all(): string[] {
    return this.text.slice(this.#position).trim().split(/\s+/).filter((word) => word !== "");
  }

  /** The remaining text as written (trimmed), consuming it. */
  rest(): string {
    const rest = this.text.slice(this.#position).trim();
    this.#position = this.text.length;
    return rest;
  }

  #match(): RegExpExecArray | null {
    const pattern = /\S+/g;
    pattern.lastIndex = this.#position;
    return pattern.exec(this.text);
  }
}
