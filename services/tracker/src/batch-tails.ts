/**
 * The second parts of one consumer's batches (metrics, live delta, commit), each run while
 * the next batch is read, decided and saved: the tracker waited on Redis for a fifth of
 * its catch-up time (bench:pipeline, issue 18). One runs at a time, in the batches' order,
 * so the metrics are applied and the offsets committed in that order. A part that failed
 * (after its own retries) fails every later batch of the consumer: none may commit past
 * it, so the consumer is replaced and resumes from its last commit, replaying the batch
 * whose part did not finish.
 */
export class BatchTails {
  private running: Promise<void> = Promise.resolve();
  private failure: { readonly error: unknown } | null = null;

  /** Throws why a part failed, if one did. */
  check(): void {
    if (this.failure !== null) throw this.failure.error;
  }

  /** Resolves once the part in flight is done; throws if a part failed. */
  async settle(): Promise<void> {
    await this.running;
    this.check();
  }

  /** Resolves once the part in flight is done, failed or not. */
  idle(): Promise<void> {
    return this.running;
  }

  /** Starts `part`; call `settle` first, so that parts never overlap. */
  start(part: () => Promise<void>, onFailure: (error: unknown) => void): void {
    this.running = part().catch((error: unknown) => {
      this.failure = { error };
      onFailure(error);
    });
  }
}
