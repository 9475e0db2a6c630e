import type { Producer } from 'kafkajs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { LiveEvents } from './live-events.js';

/** Most messages in one `producer.send`: kafkajs batches them into one request. */
const MAX_BATCH = 2_000;

/** What the producer has done so far in its current step. */
export interface ProducerProgress {
  /** Messages acknowledged by the broker since the step began. */
  readonly sent: number;
  /** Messages due by now at the step's rate that are not yet acknowledged. */
  readonly behind: number;
}

/**
 * Produces live events at an exact rate that can change (one rate per step): whatever is
 * due by now at the rate, in one batched `send` at a time, stamped when made. Sends wait for
 * each other, so a slow broker or a busy producer shows as messages `behind`, never as a
 * pile of sends in flight.
 */
export class LiveProducer {
  private rate = 0;
  private stepStart = 0;
  private sent = 0;
  private steps = 0;
  private running = true;
  private failure: Error | undefined;
  private readonly loop: Promise<void>;

  constructor(
    private readonly producer: Producer,
    private readonly topic: string,
    private readonly events: LiveEvents,
    /**
     * At most one send per this many ms, as a connector that batches would. With a send
     * every 10 ms (a few messages a partition each) the mock broker's CPU rose step after
     * step (0.11 to 0.47 cores) and the tracker needed twice the CPU per event: it fell
     * behind at 350 events/s, and holds 4,000/s with a send every 100 ms
     * (bench/RESULTS.md, bench:live).
     */
    private readonly batchMs: number,
  ) {
    this.loop = this.run().catch((error: unknown) => {
      this.failure =
        error instanceof Error ? error : new Error(`the producer failed: ${String(error)}`);
    });
  }

  /** Starts a step: `rate` events/s from now on, counted afresh. */
  step(rate: number): void {
    this.rate = rate;
    this.stepStart = performance.now();
    this.sent = 0;
    this.steps++;
  }

  /** Throws what made a send fail, if one did: the measurement is then void. */
  progress(): ProducerProgress {
    if (this.failure !== undefined) throw this.failure;
    return { sent: this.sent, behind: Math.max(0, this.due() - this.sent) };
  }

  /** Stops after the send in flight. */
  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  private due(): number {
    return Math.floor((this.rate * (performance.now() - this.stepStart)) / 1000);
  }

  private async run(): Promise<void> {
    let lastSend = -Infinity;
    while (this.running) {
      const wait = lastSend + this.batchMs - performance.now();
      const count = Math.min(MAX_BATCH, this.due() - this.sent);
      // A full batch goes at once: the pause between sends must never cap the rate.
      if (count <= 0 || (wait > 0 && count < MAX_BATCH)) {
        await sleep(Math.max(wait, 1));
        continue;
      }
      lastSend = performance.now();
      const now = Date.now();
      const messages = Array.from({ length: count }, () => this.events.next(now));
      const step = this.steps;
      await this.producer.send({ topic: this.topic, messages });
      // A step that began during the send counts from its own start.
      if (step === this.steps) this.sent += count;
    }
  }
}
