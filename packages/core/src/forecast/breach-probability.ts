import type { ClockKind } from '../contract/vocabulary.js';
import type { Instant } from '../time/instant.js';
import { FORECAST_SOURCE, type ForecastSource } from './forecast-source.js';
import { sampleCount, survivalCount, type DurationHistogram } from './survival-count.js';

/** One dimension value's recent durations, by source (a missing source has no samples). */
export type SourceHistograms = Partial<Readonly<Record<ForecastSource, DurationHistogram>>>;

/**
 * The recent durations a ticket's forecast reads: those of its team, of its priority and of
 * every ticket (the rolling metrics keep one dimension at a time, so not team × priority).
 */
export interface ForecastHistograms {
  readonly team?: SourceHistograms | undefined;
  readonly priority?: SourceHistograms | undefined;
  readonly all?: SourceHistograms | undefined;
}

export type ForecastBasis = 'team' | 'priority' | 'all';

/** Where a ticket waiting for an agent's reply stands in its team's queue. */
export interface QueuePosition {
  /** The team's waiting tickets that go before it (`queueAhead`). */
  readonly ahead: number;
  /** First and next responses the team gave over the last hour: its pace now. */
  readonly answeredPerHour: number;
}

/** A running clock as the forecast sees it: wall instants. */
export interface ForecastClock {
  readonly kind: ClockKind;
  /** When the clock (or its cycle) started: the start of the duration it is measured by. */
  readonly startedAt: Instant;
  readonly deadline: Instant;
  readonly now: Instant;
  /** Only for a ticket that waits for an agent's reply; without it the queue is ignored. */
  readonly queue?: QueuePosition | undefined;
}

export interface BreachForecast {
  /** From 0 to 1. */
  readonly probability: number;
  /** Whose durations it was read from. */
  readonly basis: ForecastBasis;
  /** How many durations that histogram holds. */
  readonly samples: number;
}

export interface ForecastOptions {
  /**
   * Whose histogram to read first: the team's (then the priority's, then all) or the
   * priority's (then all).
   */
  readonly prefer?: 'team' | 'priority';
  /** A histogram with fewer durations than this is passed over for the next one. */
  readonly minSamples?: number;
}

/** The defaults `npm run bench:forecast` chose (bench/RESULTS.md, issue 20). */
export const DEFAULT_FORECAST_OPTIONS: Required<ForecastOptions> = {
  prefer: 'team',
  minSamples: 50,
};

const HOUR = 3_600_000;

/**
 * The probability that a running clock breaches, from the recent durations of what ends it
 * (conditional survival): of those durations longer than the clock's age now, the share
 * also longer than its deadline's age. Durations and deadlines are both wall time, so the
 * business calendar is in the deadline already.
 *
 * The queue, when given, moves the deadline earlier by the time the team takes, at its
 * pace of the last hour, to answer the tickets ahead (with no answer in that hour and
 * tickets ahead, to now): the histograms only know how long waits used to be, not that
 * this one is behind a long queue.
 *
 * A clock already older than every duration seen gets 1: nothing in the history ended
 * that late, so nothing says it will end in time (however far its deadline; the forecast
 * list asks only about deadlines within its horizon). A deadline at or before `now` gets 1
 * too. Null when no histogram holds `minSamples` durations of the clock's source. Future
 * pauses are not foreseen: a resolution deadline is where it falls if the clock runs on.
 */
export function breachProbability(
  clock: ForecastClock,
  histograms: ForecastHistograms,
  options: ForecastOptions = {},
): BreachForecast | null {
  const { prefer, minSamples } = { ...DEFAULT_FORECAST_OPTIONS, ...options };
  const source = FORECAST_SOURCE[clock.kind];
  const order: readonly ForecastBasis[] =
    prefer === 'team' ? ['team', 'priority', 'all'] : ['priority', 'all'];
  for (const basis of order) {
    const histogram = histograms[basis]?.[source];
    if (histogram === undefined) continue;
    const samples = sampleCount(histogram);
    if (samples === 0 || samples < minSamples) continue;
    const age = Math.max(0, clock.now - clock.startedAt);
    const deadlineAge = Math.max(age, clock.deadline - queueDelay(clock.queue) - clock.startedAt);
    const alive = survivalCount(histogram, age);
    const probability = alive === 0 ? 1 : survivalCount(histogram, deadlineAge) / alive;
    return { probability: Math.min(1, probability), basis, samples };
  }
  return null;
}

/** The wall time the tickets ahead take at the team's pace; 0 without a queue. */
function queueDelay(queue: QueuePosition | undefined): number {
  if (queue === undefined || queue.ahead <= 0) return 0;
  return queue.answeredPerHour > 0 ? (queue.ahead / queue.answeredPerHour) * HOUR : Infinity;
}
