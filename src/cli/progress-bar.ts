/** A one-line progress bar on a terminal stream; silent on anything that is not a TTY (CI logs, pipes). */
export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

const WIDTH = 30;

export class ProgressBar {
  #lastDrawn = -1;
  constructor(readonly stream: ProgressStream) {}

  get enabled(): boolean {
    return this.stream.isTTY === true;
  }

  update(done: number, total: number): void {
    if (!this.enabled || total <= 0) return;
    const filled = Math.round((done / total) * WIDTH);
    // Redraw only when the bar or the count would look different, not for every file.
    const key = filled * 1_000_000 + done;
    if (key === this.#lastDrawn) return;
    this.#lastDrawn = key;
    this.stream.write(`\r[${"#".repeat(filled)}${".".repeat(WIDTH - filled)}] ${done}/${total} files`);
  }

  done(): void {
    if (this.enabled && this.#lastDrawn !== -1) this.stream.write("\r\x1b[2K");
  }
}
