import type { ClockKind } from '../contract/vocabulary.js';
import { parseInstant, type Instant } from '../time/instant.js';
import type { ClockView, TicketView } from '../ticket/ticket-view.js';
import {
  breachProbability,
  type BreachForecast,
  type ForecastHistograms,
  type ForecastOptions,
  type QueuePosition,
} from './breach-probability.js';
import { replyWait } from './waiting-since.js';

/** How far ahead the forecast looks unless told otherwise: an hour. */
export const DEFAULT_FORECAST_HORIZON_MS = 60 * 60_000;

/** One running clock's forecast. */
export interface ClockForecast extends BreachForecast {
  readonly ticketId: string;
  readonly kind: ClockKind;
  readonly cycle: number;
  readonly deadline: Instant;
}

export interface TicketForecastOptions extends ForecastOptions {
  /** Only clocks due from now to now + horizonMs are forecast. */
  readonly horizonMs?: number;
  /**
   * The ticket's place in its team's queue (`queueAhead`) and the team's pace; used only
   * while the ticket waits for an agent's reply (`waitingSince` is not null).
   */
  readonly queue?: QueuePosition | undefined;
}

const UPDATE_KINDS: readonly ClockKind[] = ['periodicUpdate', 'pausableUpdate'];

/**
 * The forecast of every running clock of the ticket due from `now` to `now + horizonMs`,
 * in the view's clock order. `histograms` are those of the ticket's team and priority
 * (the view does not carry them). Paused clocks have no deadline and are left out, and so
 * are clocks without a forecast (too little history: see `breachProbability`).
 *
 * An update cycle ends at the next public agent reply. While the customer's comment waits
 * for that reply (an open next-response cycle), the update is forecast as that wait, which
 * the `nr` durations measure exactly; otherwise the customer has yet to write, which no
 * metric measures, and `nr` from the cycle's start understates the risk.
 */
export function forecastTicket(
  view: TicketView,
  now: Instant,
  histograms: ForecastHistograms,
  options: TicketForecastOptions = {},
): ClockForecast[] {
  const until = now + (options.horizonMs ?? DEFAULT_FORECAST_HORIZON_MS);
  const wait = replyWait(view);
  const queue = wait === null ? undefined : options.queue;
  const out: ClockForecast[] = [];
  for (const clock of view.clocks) {
    if (clock.state !== 'running' || clock.deadline === null) continue;
    const deadline = parseInstant(clock.deadline);
    if (deadline === null || deadline < now || deadline > until) continue;
    const measured: ClockView =
      UPDATE_KINDS.includes(clock.kind) && wait?.kind === 'nextResponse' ? wait : clock;
    const startedAt = parseInstant(measured.startedAt);
    if (startedAt === null) continue;
    const forecast = breachProbability(
      { kind: measured.kind, startedAt, deadline, now, queue },
      histograms,
      options,
    );
    if (forecast === null) continue;
    out.push({
      ticketId: view.ticketId,
      kind: clock.kind,
      cycle: clock.cycle,
      deadline,
      ...forecast,
    });
  }
  return out;
}
