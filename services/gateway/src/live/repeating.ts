/**
 * A periodic task that runs only while it has something to do: started when work appears,
 * stopped when it runs out, so an idle gateway has no timer waking it.
 */
export class Repeating {
  private timer: NodeJS.Timeout | null = null;
  private ended = false;

  constructor(
    private readonly everyMs: number,
    private readonly run: () => void,
  ) {}

  /** Runs the task every `everyMs` from now on, unless it runs already or was ended. */
  start(): void {
    if (this.timer || this.ended) return;
    this.timer = setInterval(this.run, this.everyMs).unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Stops it for good: `start` does nothing after. */
  end(): void {
    this.ended = true;
    this.stop();
  }
}
