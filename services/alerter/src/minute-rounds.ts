import type { Logger } from '@slawatch/telemetry';
import { Gauge, type Registry } from 'prom-client';

/** How often a minute round runs. */
export const ROUND_EVERY_MS = 60_000;
/** A round that has not finished for this long fails `/readyz`. */
const STALE_AFTER_MS = 5 * ROUND_EVERY_MS;

export interface MinuteRoundsOptions {
  /** What the rounds are, in words: "forecast alerts", "scheduled digests". */
  readonly name: string;
  /** The gauge of the last finished round (`slawatch_<…>_last_round_timestamp_seconds`). */
  readonly gauge: string;
  readonly log: Logger;
  readonly registry?: Registry | undefined;
  readonly now?: (() => number) | undefined;
  /** Also run a round when started (default: first after a minute). */
  readonly runAtStart?: boolean;
}

/**
 * Work the alerter does once a minute beside its timers (forecast alerts, scheduled
 * digests): one round at a time, a round already running waited for, a failed round
 * logged and tried again at the next, and a round that stops finishing visible in
 * `/readyz` (after five minutes) and in its last-round gauge, so it cannot stall unseen.
 */
export abstract class MinuteRounds {
  protected readonly now: () => number;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private lastRound: number;

  constructor(private readonly rounds: MinuteRoundsOptions) {
    this.now = rounds.now ?? Date.now;
    this.lastRound = this.now();
    const lastRound: Gauge = new Gauge({
      name: rounds.gauge,
      help: `Unix time of the last finished round of ${rounds.name} (it runs each minute).`,
      registers: rounds.registry ? [rounds.registry] : [],
      collect: () => lastRound.set(this.lastRound / 1000),
    });
  }

  /** Whether the document in force asks for these rounds. */
  abstract get enabled(): boolean;

  /** One round's work. */
  protected abstract work(): Promise<void>;

  start(): void {
    if (!this.enabled || this.timer) return;
    this.timer = setInterval(() => void this.round(), ROUND_EVERY_MS);
    if (this.rounds.runAtStart) void this.round();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** For `/readyz`: rejects when no round has finished for five minutes. */
  checkRunning(): Promise<void> {
    const late = this.now() - this.lastRound;
    return !this.enabled || late <= STALE_AFTER_MS
      ? Promise.resolve()
      : Promise.reject(
          new Error(`no round of ${this.rounds.name} finished for ${Math.round(late / 1000)} s`),
        );
  }

  /** One round (the timer's, or a test's); a round already running is waited for. */
  async round(): Promise<void> {
    this.running ??= this.work()
      .then(() => void (this.lastRound = this.now()))
      .catch((err: unknown) => this.rounds.log.warn({ err }, `${this.rounds.name}: round failed`))
      .finally(() => (this.running = null));
    await this.running;
  }
}
