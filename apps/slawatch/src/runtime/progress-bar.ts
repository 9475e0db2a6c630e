/** Where progress goes: standard error, a TTY or not. */
export interface ProgressOutput {
  readonly isTTY?: boolean;
  write(text: string): unknown;
}

const WIDTH = 30;

/**
 * A progress bar for a known amount of work: redrawn in place on a terminal (at most every
 * 100 ms), and as a plain line every `lineEveryMs` otherwise, so logs and CI output stay
 * readable. `done()` ends it with the final figures.
 */
export class ProgressBar {
  private last = -Infinity;
  private shown = '';

  constructor(
    private readonly out: ProgressOutput,
    private readonly label: string,
    private readonly clock: () => number = () => performance.now(),
    private readonly lineEveryMs = 5_000,
  ) {}

  update(done: number, total: number): void {
    const now = this.clock();
    if (now - this.last < (this.out.isTTY ? 100 : this.lineEveryMs)) return;
    this.last = now;
    this.draw(done, total);
  }

  done(done: number, total: number): void {
    this.draw(done, total);
    if (this.out.isTTY) this.out.write('\n');
  }

  private draw(done: number, total: number): void {
    const share = total === 0 ? 1 : Math.min(1, done / total);
    const figures = `${(share * 100).toFixed(0).padStart(3)}% ${done}/${total} ${this.label}`;
    if (!this.out.isTTY) {
      if (figures !== this.shown) this.out.write(`${figures}\n`);
      this.shown = figures;
      return;
    }
    const filled = Math.round(share * WIDTH);
    this.out.write(`\r[${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${figures}`);
  }
}
